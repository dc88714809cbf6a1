// The shape of stored endpoint credentials and the header they become. No vscode here:
// the SecretStorage side is in credentialStore.ts.

export type Credentials =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string };

export function authorizationHeader(c: Credentials): string {
  if (c.kind === 'bearer') return `Bearer ${c.token}`;
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}

/** Parses what SecretStorage held; anything unexpected counts as no credentials. */
export function parseStoredCredentials(raw: string | undefined): Credentials | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<{ kind: string; token: string; username: string; password: string }>;
    if (v.kind === 'bearer' && typeof v.token === 'string' && v.token) return { kind: 'bearer', token: v.token };
    if (v.kind === 'basic' && typeof v.username === 'string' && typeof v.password === 'string') {
      return { kind: 'basic', username: v.username, password: v.password };
    }
  } catch {
    // A corrupt entry is treated as absent; the user can set it again.
  }
  return undefined;
}
