/** The part of Electron's `app` used here. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface GracefulQuitOptions {
  /** Give up waiting for the relay after this long (a hung socket must not keep the app alive). */
  timeoutMs?: number;
  schedule?: (run: () => void, ms: number) => void;
  log?: (line: string) => void;
}

/**
 * Holds the first quit until the relay has closed (its history writer flushes the last batch),
 * then quits for real; later quit requests while closing are held too.
 */
export function installGracefulQuit(
  app: QuittingApp,
  relay: { close(): Promise<void> },
  options: GracefulQuitOptions = {},
): void {
  const {
    timeoutMs = 5000,
    schedule = (run, ms) => void setTimeout(run, ms).unref(),
    log = console.error,
  } = options;
  let state: 'running' | 'closing' | 'closed' = 'running';
  const finish = () => {
    if (state === 'closed') return;
    state = 'closed';
    app.quit();
  };
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    schedule(() => {
      if (state === 'closing') log(`switchboard: the relay did not close within ${timeoutMs} ms; quitting`);
      finish();
    }, timeoutMs);
    relay
      .close()
      .catch((error: unknown) => log(`switchboard: closing the relay failed: ${String(error)}`))
      .finally(finish);
  });
}
