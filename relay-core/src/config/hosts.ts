import { isIP } from 'node:net';

/** Loopback names the relay may bind without `expose_lan` (the same set start-relay accepts). */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/** True for a host that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host.toLowerCase());
}

const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const hostName = new RegExp(`^(?=.{1,253}$)${label}(?:\\.${label})*$`);

/** An IP address or a DNS host name (RFC 1123), without port or brackets. */
export function isHostName(host: string): boolean {
  return isIP(host) !== 0 || hostName.test(host);
}

/** The text of the error for a non-loopback host without `expose_lan`. */
export const exposeLanMessage = (host: string): string =>
  `'${host}' is reachable from the network; set server.expose_lan: true to allow it (client keys are then required)`;
