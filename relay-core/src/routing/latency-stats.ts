/** Latency prediction settings (config.yaml `routing.latency`). */
export interface LatencySettings {
  /** A sample this old counts half as much as a fresh one against the running estimate. */
  halfLifeMs: number;
  /** A target passed over this many `fastest` decisions in a row is probed once. */
  exploreEvery: number;
}

export const defaultLatencySettings: LatencySettings = { halfLifeMs: 60_000, exploreEvery: 16 };

/** One successful attempt's latency. */
export interface LatencySample {
  ttftMs: number;
  outputTokens?: number;
  generationMs?: number;
}

interface TargetLatency {
  /** Decayed mean time to first token (for whole answers: time to the answer). */
  ttftMs: number;
  /** Decayed mean milliseconds per output token after the first (streams only). */
  msPerToken?: number;
  lastSampleAt: number;
  /** The `fastest` decision counter when this target was last put first. */
  lastChosen: number;
  /** The latest time-to-first-token samples, for percentiles (ring buffer). */
  recent: number[];
  next: number;
}

/** Samples kept per target for percentiles. */
const window = 64;
/** The weight of a new sample when the last one was just taken... */
const minWeight = 0.3;
/** ...and of one at least twice as fast as the estimate: a recovered provider shows quickly. */
const fasterWeight = 0.6;

/**
 * Recorded latency per provider/model: a time-decayed mean of time to first token and of
 * throughput, for the `fastest` strategy, and the latest samples, for a hedge's p90 delay.
 * A new sample's weight grows with the time since the last one, so an estimate from long ago is
 * mostly replaced by the first fresh sample; a sample at least twice as fast as the estimate
 * counts more, so one slow outlier does not keep a good provider out for long. Targets never measured are predicted to be fastest
 * (so each gets tried), and a target passed over `exploreEvery` times is probed once, so a
 * recovered provider is noticed. The clock is injected so tests never sleep.
 */
export class LatencyStats {
  private readonly targets = new Map<string, TargetLatency>();
  private decisions = 0;
  private sampled: ((key: string, sample: LatencySample) => void) | undefined;

  constructor(
    private settings: LatencySettings = defaultLatencySettings,
    private readonly now: () => number = Date.now,
  ) {}

  configure(settings: LatencySettings): void {
    this.settings = settings;
  }

  reset(): void {
    this.targets.clear();
    this.decisions = 0;
  }

  /** Tells `listener` of each sample recorded here (not of those merged from elsewhere). */
  onSample(listener: (key: string, sample: LatencySample) => void): void {
    this.sampled = listener;
  }

  /** Records a successful attempt: time to first token, and for streams the generation time. */
  record(key: string, sample: LatencySample): void {
    this.merge(key, sample);
    this.sampled?.(key, sample);
  }

  /** Counts a sample measured elsewhere (another relay) as if it were this relay's own. */
  merge(key: string, sample: LatencySample): void {
    const now = this.now();
    const entry = this.targets.get(key);
    const perToken =
      sample.outputTokens && sample.outputTokens > 1 && sample.generationMs !== undefined
        ? sample.generationMs / (sample.outputTokens - 1)
        : undefined;
    if (!entry) {
      this.targets.set(key, {
        ttftMs: sample.ttftMs,
        msPerToken: perToken,
        lastSampleAt: now,
        lastChosen: this.decisions,
        recent: [sample.ttftMs],
        next: 1,
      });
      return;
    }
    const age = now - entry.lastSampleAt;
    const floor = sample.ttftMs * 2 <= entry.ttftMs ? fasterWeight : minWeight;
    const weight = Math.max(floor, 1 - 2 ** (-age / this.settings.halfLifeMs));
    entry.ttftMs += weight * (sample.ttftMs - entry.ttftMs);
    if (perToken !== undefined) {
      entry.msPerToken =
        entry.msPerToken === undefined ? perToken : entry.msPerToken + weight * (perToken - entry.msPerToken);
    }
    entry.lastSampleAt = now;
    entry.recent[entry.next % window] = sample.ttftMs;
    entry.next += 1;
  }

  /** Predicted milliseconds to a whole answer of `outputTokens`, or undefined when never measured. */
  predict(key: string, outputTokens: number): number | undefined {
    const entry = this.targets.get(key);
    if (!entry) return undefined;
    return entry.ttftMs + (entry.msPerToken ?? 0) * Math.max(0, outputTokens - 1);
  }

  /** The p-th percentile of the latest time-to-first-token samples; undefined below `minSamples`. */
  percentile(key: string, p: number, minSamples = 5): number | undefined {
    const recent = this.targets.get(key)?.recent;
    if (!recent || recent.length < minSamples) return undefined;
    const sorted = [...recent].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }

  /**
   * Orders targets fastest first by predicted time for `outputTokens`: unmeasured targets first,
   * then any target passed over for `exploreEvery` decisions (one probe), then by prediction.
   */
  orderFastest<T>(
    targets: readonly T[],
    keyOf: (target: T) => string,
    outputTokens: number,
    /** Only look (the explain API): count no decision. */
    peek = false,
  ): T[] {
    if (!peek) this.decisions += 1;
    const ranked = targets
      .map((target, index) => ({
        target,
        index,
        key: keyOf(target),
        predicted: this.predict(keyOf(target), outputTokens) ?? Number.NEGATIVE_INFINITY,
      }))
      .sort((a, b) => a.predicted - b.predicted || a.index - b.index);
    const stale = ranked.find(({ key }) => {
      const entry = this.targets.get(key);
      return entry !== undefined && this.decisions - entry.lastChosen > this.settings.exploreEvery;
    });
    const first = stale && stale !== ranked[0] ? stale : ranked[0];
    if (!first) return [];
    const entry = this.targets.get(first.key);
    if (entry && !peek) entry.lastChosen = this.decisions;
    return [first.target, ...ranked.filter((item) => item !== first).map((item) => item.target)];
  }

  /** Every measured target, for the admin API and explain. */
  snapshot(): Array<{ target: string; ttftMs: number; msPerToken?: number; p90TtftMs?: number }> {
    return [...this.targets].map(([target, entry]) => {
      const p90TtftMs = this.percentile(target, 90);
      return {
        target,
        ttftMs: entry.ttftMs,
        ...(entry.msPerToken === undefined ? {} : { msPerToken: entry.msPerToken }),
        ...(p90TtftMs === undefined ? {} : { p90TtftMs }),
      };
    });
  }
}
