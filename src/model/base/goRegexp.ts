// Go (RE2) regular expressions, as pprof's -focus/-ignore/-hide/-show and drop_frames use them, compiled to
// JS RegExp. Matching is unanchored, like Go's MatchString. The differences handled:
//   - flag groups: a leading `(?ims)` becomes JS flags; `(?i)`, `(?s)`, `(?m)` later in the pattern and the
//     scoped form `(?i:…)` are emulated (Node 20 has no inline modifiers);
//   - `(?P<name>…)`, `\A`, `\z`, `\Q…\E`, `\pL`/`\p{Greek}`, `\x{10FFFF}` and POSIX classes `[[:alpha:]]`;
//   - escaped punctuation (`\-`, `\:`), which Go allows anywhere;
//   - RE2 has no backreferences or lookaround, so those are refused as Go refuses them.

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/-');

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

/** Compiles a Go regular expression. `what` names the option for the error, e.g. "focus". */
export function compileGoRegexp(source: string, what: string): RegExp {
  try {
    const { pattern, flags } = translate(source);
    return new RegExp(pattern, flags);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : String(e);
    throw new Error(`${what}: invalid regular expression ${JSON.stringify(source)}: ${why}`);
  }
}

function translate(src: string): { pattern: string; flags: string } {
  let pos = 0;
  let jsFlags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes('U')) throw new Error('the ungreedy flag (?U) is not supported');
    jsFlags = [...new Set(lead[1])].join('');
    pos = lead[0].length;
  }
  let unicode = false;
  let out = '';
  // Emulated flags, one frame per open group so that `(?i)` inside a group ends with it.
  const stack: Flags[] = [{ i: false, s: false, m: false }];
  const top = () => stack[stack.length - 1];

  while (pos < src.length) {
    const c = src[pos];
    if (c === '\\') {
      const [text, len, u] = escape(src, pos, false, top().i);
      out += text;
      pos += len;
      unicode ||= u;
    } else if (c === '[') {
      const [text, len, u] = charClass(src, pos, top().i);
      out += text;
      pos += len;
      unicode ||= u;
    } else if (c === '(') {
      if (src.startsWith('(?P<', pos)) {
        out += '(?<';
        pos += 4;
        stack.push({ ...top() });
        continue;
      }
      if (src[pos + 1] === '?') {
        const m = /^\(\?(-?[imsU]+(?:-[imsU]*)?)?(:|\))/.exec(src.slice(pos));
        if (src[pos + 2] === '=' || src[pos + 2] === '!' || src.startsWith('(?<=', pos) || src.startsWith('(?<!', pos)) {
          throw new Error('lookaround assertions are not RE2 syntax');
        }
        if (!m) throw new Error(`invalid or unsupported group at offset ${pos}`);
        const next = applyFlags(top(), m[1] ?? '');
        if (m[2] === ')') {
          stack[stack.length - 1] = next; // rest of the enclosing group
        } else {
          stack.push(next);
          out += '(?:';
        }
        pos += m[0].length;
        continue;
      }
      stack.push({ ...top() });
      out += c;
      pos++;
    } else if (c === ')') {
      if (stack.length > 1) stack.pop();
      out += c;
      pos++;
    } else if (c === '.' && top().s) {
      out += '[\\s\\S]';
      pos++;
    } else if (c === '^' && top().m) {
      out += '(?:^|(?<=\\n))';
      pos++;
    } else if (c === '$' && top().m) {
      out += '(?=\\n|$)';
      pos++;
    } else if (top().i && /[a-zA-Z]/.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
      pos++;
    } else {
      out += c === '/' ? '\\/' : c;
      pos++;
    }
  }
  return { pattern: out, flags: jsFlags + (unicode ? 'u' : '') };
}

function applyFlags(cur: Flags, spec: string): Flags {
  if (spec.includes('U')) throw new Error('the ungreedy flag (?U) is not supported');
  const next = { ...cur };
  let on = true;
  for (const ch of spec) {
    if (ch === '-') on = false;
    else next[ch as keyof Flags] = on;
  }
  return next;
}

/** One escape sequence at src[pos] === '\\'. Returns [js text, consumed length, needs unicode flag]. */
function escape(src: string, pos: number, inClass: boolean, fold: boolean): [string, number, boolean] {
  const c = src[pos + 1];
  if (c === undefined) throw new Error('trailing backslash at end of expression');
  if (c === 'Q') {
    const end = src.indexOf('\\E', pos + 2);
    const lit = src.slice(pos + 2, end < 0 ? undefined : end);
    const text = [...lit].map((ch) => literal(ch, inClass, fold)).join('');
    return [text, end < 0 ? src.length - pos : end + 2 - pos, false];
  }
  if (c === 'A' && !inClass) return ['(?<![\\s\\S])', 2, false];
  if (c === 'z' && !inClass) return ['(?![\\s\\S])', 2, false];
  if (c === 'p' || c === 'P') {
    const m = /^\\[pP](\{\^?\w+\}|\w)/.exec(src.slice(pos));
    if (!m) throw new Error(`invalid character class escape at offset ${pos}`);
    let name = m[1].startsWith('{') ? m[1].slice(1, -1) : m[1];
    let neg = c === 'P';
    if (name.startsWith('^')) {
      neg = !neg;
      name = name.slice(1);
    }
    // One- and two-letter names are general categories; longer ones are scripts (\p{Greek}).
    const prop = name.length <= 2 ? name : `Script=${name}`;
    return [`\\${neg ? 'P' : 'p'}{${prop}}`, m[0].length, true];
  }
  if (c === 'x' && src[pos + 2] === '{') {
    const end = src.indexOf('}', pos);
    if (end < 0) throw new Error(`invalid escape at offset ${pos}`);
    return [`\\u{${src.slice(pos + 3, end)}}`, end + 1 - pos, true];
  }
  if (/[1-9]/.test(c)) throw new Error('backreferences are not RE2 syntax');
  if (/[a-zA-Z0-9]/.test(c)) return ['\\' + c, 2, false];
  // Escaped punctuation: Go takes any of it literally.
  return [literal(c, inClass, false), 2, false];
}

function literal(ch: string, inClass: boolean, fold: boolean): string {
  if (fold && /[a-zA-Z]/.test(ch)) return inClass ? ch.toLowerCase() + ch.toUpperCase() : `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
  if (ch === '-' && !inClass) return ch;
  if (JS_SYNTAX.has(ch)) return '\\' + ch;
  return ch;
}

/** A bracketed class at src[pos] === '['. */
function charClass(src: string, pos: number, fold: boolean): [string, number, boolean] {
  let i = pos + 1;
  let out = '[';
  let unicode = false;
  if (src[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  while (i < src.length && (src[i] !== ']' || first)) {
    first = false;
    if (src.startsWith('[:', i)) {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      if (m) {
        if (m[1]) throw new Error('negated POSIX classes [[:^name:]] are not supported');
        const cls = POSIX[m[2]];
        if (!cls) throw new Error(`invalid character class range [:${m[2]}:]`);
        out += cls;
        i += m[0].length;
        continue;
      }
    }
    if (src[i] === '\\') {
      const [text, len, u] = escape(src, i, true, fold);
      out += text;
      i += len;
      unicode ||= u;
      continue;
    }
    const ch = src[i];
    if (fold && /[a-zA-Z]/.test(ch) && src[i + 1] === '-' && /[a-zA-Z]/.test(src[i + 2] ?? '')) {
      const lo = ch;
      const hi = src[i + 2];
      out += `${lo.toLowerCase()}-${hi.toLowerCase()}${lo.toUpperCase()}-${hi.toUpperCase()}`;
      i += 3;
      continue;
    }
    out += fold && /[a-zA-Z]/.test(ch) ? ch.toLowerCase() + ch.toUpperCase() : ch === '[' || ch === '/' ? '\\' + ch : ch;
    i++;
  }
  if (i >= src.length) throw new Error('missing closing ]');
  return [out + ']', i + 1 - pos, unicode];
}
