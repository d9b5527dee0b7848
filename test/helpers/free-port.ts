import { createServer } from 'node:net';

/** Asks the OS for a free loopback port (for child processes that need a fixed one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A loopback port nothing listens on: one the OS just handed out and took back (a server that is down). */
export async function closedPort(): Promise<number> {
  return freePort();
}
