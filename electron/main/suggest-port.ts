import { createServer } from 'node:net';

/** Whether nothing listens on `port` at `host` right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * The port to offer when `taken` is held by another program: the next free one above it (easy
 * to remember beside 4141), or undefined when the next `tries` are all taken.
 */
export async function suggestPort(
  taken: number,
  options: { host?: string; tries?: number; isFree?: (port: number) => Promise<boolean> } = {},
): Promise<number | undefined> {
  const { host = '127.0.0.1', tries = 20, isFree = (port) => isPortFree(port, host) } = options;
  for (let port = taken + 1; port <= Math.min(taken + tries, 65535); port += 1) {
    if (await isFree(port)) return port;
  }
  return undefined;
}
