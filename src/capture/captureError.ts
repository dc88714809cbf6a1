// Every way a capture can fail, each with a one-line message that carries its own hint.
// Messages name the URL without credentials and never include headers.

export type CaptureErrorKind =
  | 'invalid'
  | 'refused'
  | 'dns'
  | 'network'
  | 'notFound'
  | 'unauthorized'
  | 'writeTimeout'
  | 'http'
  | 'html'
  | 'text'
  | 'empty'
  | 'notProfile'
  | 'closed'
  | 'timeout'
  | 'tooLarge'
  | 'tls'
  | 'browser'
  | 'redirects'
  | 'cancelled'
  | 'save';

export class CaptureError extends Error {
  constructor(
    readonly kind: CaptureErrorKind,
    message: string,
  ) {
    super(oneLine(message));
    this.name = 'CaptureError';
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof CaptureError && e.kind === 'cancelled';
}

/** Collapses whitespace so a server's multi-line text cannot break the one-line rule. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A short, quoted excerpt of text a server sent, safe to show in a message. */
export function excerpt(text: string, max = 80): string {
  const t = oneLine(text.replace(/[^\x20-\x7e\s]/g, '?'));
  return JSON.stringify(t.length > max ? `${t.slice(0, max)}…` : t);
}
