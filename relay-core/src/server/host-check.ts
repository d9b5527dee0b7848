/**
 * DNS-rebinding defence: a page on evil.example that resolves its name to 127.0.0.1 still sends
 * `Host: evil.example`, so only loopback names (and names the user configured) are served. A
 * configured name is accepted at any port or none: a load balancer on 443 passes its own Host on
 * to relays on 4141, and the name, not the port, is what a rebinding page cannot fake.
 */
export function createHostCheck(
  port: number,
  extraNames: readonly string[],
): (host: string | undefined) => boolean {
  const allowed = new Set<string>();
  for (const name of ['localhost', '127.0.0.1', '[::1]']) {
    allowed.add(`${name}:${port}`);
    if (port === 80) allowed.add(name);
  }
  const configured = new Set(extraNames.map((name) => name.toLowerCase()));
  return (host) => {
    if (host === undefined) return false;
    const lower = host.toLowerCase();
    if (allowed.has(lower)) return true;
    // the name before an optional :port ([v6]:port keeps its brackets)
    const name = /^(\[[^\]]*\]|[^:]*)(?::\d{1,5})?$/.exec(lower)?.[1];
    return name !== undefined && configured.has(name);
  };
}
