import type { Server } from 'node:http';

/** How often a draining server closes the connections whose requests have finished. */
const sweepMs = 50;

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}

/**
 * Stops a server: it takes no new connection, idle keep-alive connections close at once, and
 * requests in progress get up to `drainMs` to finish (each connection closed as its request ends)
 * before the connections still busy are cut. Resolves, once every connection is gone, with how
 * many were cut.
 */
export async function closeServer(server: Server, drainMs: number): Promise<{ cut: number }> {
  let done = false;
  const closed = new Promise<void>((resolve) =>
    server.close(() => {
      done = true;
      resolve();
    }),
  );
  server.closeIdleConnections();
  const deadline = Date.now() + drainMs;
  while (!done && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      closed,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(sweepMs, drainMs)))),
    ]);
    clearTimeout(timer);
    // a finished response leaves its connection open for the next request: none will come
    server.closeIdleConnections();
  }
  const cut = done ? 0 : await openConnections(server);
  server.closeAllConnections();
  await closed;
  return { cut };
}
