import type Database from 'better-sqlite3';

/**
 * One store's readiness check, as `/ready` runs it. Each store the relay is configured with
 * registers one (SQLite here; PostgreSQL history and Redis state register theirs the same way).
 */
export interface ReadinessProbe {
  /** What `/ready` calls the store (`sqlite`, `postgres`, `redis`): a kind, never its URL. */
  readonly name: string;
  /** Returns (or resolves) when the store answers; throws (or rejects) when it does not. */
  check(): void | Promise<void>;
}

/** A store's state in a readiness report: `timeout` when its check did not answer in time. */
export type ProbeState = 'ok' | 'failing' | 'timeout';

/** What `/ready` answers: ready when every registered store is `ok`. */
export interface ReadinessReport {
  ready: boolean;
  stores: Record<string, ProbeState>;
}

async function runProbe(probe: ReadinessProbe, timeoutMs: number): Promise<ProbeState> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ProbeState>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  const checked = (async () => {
    await probe.check();
    return 'ok' as const;
  })().catch(() => 'failing' as const);
  try {
    return await Promise.race([checked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The stores' readiness checks. Checks run side by side, each bounded by `timeoutMs` so a store
 * that hangs makes `/ready` answer 503 rather than never; requests that arrive while a check runs
 * share its result, so a burst of probes costs the stores one check.
 */
export class ReadinessProbes {
  private readonly probes: ReadinessProbe[] = [];
  private running: Promise<ReadinessReport> | undefined;

  constructor(private readonly timeoutMs = 2000) {}

  /** Adds a store's check; the returned function removes it (a store closed for good). */
  register(probe: ReadinessProbe): () => void {
    this.probes.push(probe);
    return () => {
      const index = this.probes.indexOf(probe);
      if (index >= 0) this.probes.splice(index, 1);
    };
  }

  /** Runs every registered check. */
  check(): Promise<ReadinessReport> {
    this.running ??= (async () => {
      try {
        const probes = [...this.probes];
        const states = await Promise.all(probes.map((probe) => runProbe(probe, this.timeoutMs)));
        const stores: Record<string, ProbeState> = {};
        probes.forEach((probe, index) => (stores[probe.name] = states[index]!));
        return { ready: states.every((state) => state === 'ok'), stores };
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}

/**
 * The SQLite file's check: one read of its schema, so a database that was closed or whose file
 * no longer reads answers as failing. A read never waits on a writer (WAL), so the check cannot
 * hold the relay's event loop behind another process's lock.
 */
export function sqliteProbe(db: Database.Database): ReadinessProbe {
  return {
    name: 'sqlite',
    check() {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    },
  };
}
