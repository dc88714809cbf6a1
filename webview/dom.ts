// Element builder for the views. Strings always become Text nodes, so a profile's names reach the DOM as text.
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  append(el, ...children);
  return el;
}

function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Runs `fn` once per animation frame at most, with the latest arguments. */
export function throttleFrame<A extends unknown[]>(fn: (...a: A) => void): (...a: A) => void {
  let pending: A | undefined;
  return (...a: A) => {
    const first = pending === undefined;
    pending = a;
    if (first)
      requestAnimationFrame(() => {
        const args = pending!;
        pending = undefined;
        fn(...args);
      });
  };
}
