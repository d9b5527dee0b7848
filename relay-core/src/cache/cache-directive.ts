import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the client asked of the cache: `skip-lookup` (Cache-Control: no-cache: answer fresh, but
 * keep the fresh answer), `off` (Cache-Control: no-store or `x-relay-cache: off`: neither read
 * nor write) or `on` (`x-relay-cache: on`: cache this request even though it samples).
 */
export type CacheDirective = 'skip-lookup' | 'off' | 'on';

/** Reads the cache directive from request headers (RFC 9111 §5.2.1 request directives). */
export function readCacheDirective(headers: IncomingHttpHeaders): CacheDirective | undefined {
  const relay = headers['x-relay-cache'];
  const relayValue = (Array.isArray(relay) ? relay[0] : relay)?.trim().toLowerCase();
  if (relayValue === 'off' || relayValue === 'bypass') return 'off';
  const control = headers['cache-control'];
  // most clients send none: nothing to split
  if (control !== undefined) {
    const directives = (Array.isArray(control) ? control.join(',') : control)
      .toLowerCase()
      .split(',')
      .map((part) => part.trim());
    if (directives.includes('no-store')) return 'off';
    if (directives.includes('no-cache')) return 'skip-lookup';
  }
  if (relayValue === 'on') return 'on';
  return undefined;
}
