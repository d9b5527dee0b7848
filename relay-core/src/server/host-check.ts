/**
 * DNS-rebinding defence: a page on evil.example that resolves its name to 127.0.0.1 still sends
 * `Host: evil.example`, so only loopback names (and names the user configured) are served.
 */
export function createHostCheck(
  port: number,
  extraNames: readonly string[],
): (host: string | undefined) => boolean {
  const names = ['localhost', '127.0.0.1', '[::1]', ...extraNames.map((name) => name.toLowerCase())];
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(`${name}:${port}`);
    if (port === 80) allowed.add(name);
  }
  return (host) => host !== undefined && allowed.has(host.toLowerCase());
}
