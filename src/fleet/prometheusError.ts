// Every way asking Prometheus can fail, each a one-line message with its hint. `promql` is the query's
// own fault (a watch ends on it); the others are about reaching Prometheus (a watch keeps polling).

export type PrometheusErrorKind = 'unreachable' | 'timeout' | 'html' | 'unauthorized' | 'http' | 'answer' | 'promql' | 'noTargets' | 'config' | 'cancelled';

export class PrometheusError extends Error {
  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
  ) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'PrometheusError';
  }
}

/** A short, quoted excerpt of what a server sent, fit for a message. */
export function promExcerpt(text: string, max = 80): string {
  const t = text.replace(/[^\x20-\x7e\s]/g, '?').replace(/\s+/g, ' ').trim();
  return JSON.stringify(t.length > max ? `${t.slice(0, max)}…` : t);
}
