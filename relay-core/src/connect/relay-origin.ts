/**
 * The address local tools use to reach a relay listening on `host:port`: loopback when it listens
 * on every interface, brackets around an IPv6 address.
 */
export function relayOrigin(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
