// Which hosts a load run may be aimed at without asking: loopback always, others when the setting lists them
// or the user said yes to them once. Pure; the prompt is the VS Code side's.

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Whether loading `url` needs the user's yes: not loopback, not in the allowed list, not confirmed before. */
export function needsConfirmation(url: URL, allowedHosts: readonly string[], confirmed: readonly string[]): boolean {
  if (isLoopbackHost(url.hostname)) return false;
  const host = url.hostname.toLowerCase();
  const hostPort = url.host.toLowerCase();
  const listed = (list: readonly string[]) => list.some((a) => a.trim().toLowerCase() === host || a.trim().toLowerCase() === hostPort);
  return !listed(allowedHosts) && !listed(confirmed);
}
