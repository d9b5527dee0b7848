import { createContext, Script } from 'node:vm';

/**
 * How long one text's patterns may run, together. JavaScript's regular expressions backtrack and
 * cannot be stopped from outside; the vm module's timeout can stop the script they run in.
 */
export const patternBudgetMs = 20;

interface Sandbox {
  patterns: RegExp[];
  text: string;
  /** The pattern being tried: which one it was, when the budget ran out. */
  at: number;
  found: number;
}

const sandbox: Sandbox = { patterns: [], text: '', at: -1, found: -1 };
const context = createContext(sandbox);
const search = new Script(
  'found = -1; for (at = 0; at < patterns.length; at++) if (patterns[at].test(text)) { found = at; break; }',
);

const compiled = new Map<string, RegExp>();
/** Patterns that once ran out of the budget: skipped from then on, so each can stall the relay once. */
const tooSlow = new Set<string>();
const listeners = new Set<(pattern: string) => void>();

/** Calls `listener` with each pattern found too slow (the relay logs them). Returns how to stop. */
export function onSlowPattern(listener: (pattern: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function compile(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'i');
    compiled.set(pattern, regex);
  }
  return regex;
}

export interface PatternSearch {
  /** The first pattern that matched. */
  matched?: string;
  /** Patterns not tried: they ran out of the time budget on this text or an earlier one. */
  skipped: string[];
}

/** The process's CPU time in ms (user and system, every thread). */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface FindPatternOptions {
  /** Default patternBudgetMs. */
  budgetMs?: number;
  /** The process's CPU time in ms; injectable for tests. */
  cpuMs?: () => number;
}

/**
 * The first of `patterns` (config.yaml's gate and route regular expressions, case-insensitive)
 * that matches `text`, all of them within the budget. A pattern that runs out of the budget is
 * stopped, reported through onSlowPattern and skipped from then on; the rest are tried again.
 * The event loop is held at most the budget for each such pattern, once. The timeout counts wall
 * time, so a pattern that ran out only because the process lost the CPU (a busy machine) is
 * tried once more, then passed over for this text alone.
 */
export function findPattern(
  patterns: readonly string[],
  text: string,
  { budgetMs = patternBudgetMs, cpuMs = processCpuMs }: FindPatternOptions = {},
): PatternSearch {
  let passedOver: string[] = [];
  // patterns that ran out of the budget once without using the CPU: tried once more
  const starved = new Set<string>();
  for (;;) {
    const skipped = patterns.filter((pattern) => tooSlow.has(pattern) || passedOver.includes(pattern));
    const live = patterns.filter((pattern) => !skipped.includes(pattern));
    if (live.length === 0) return { skipped };
    sandbox.patterns = live.map(compile);
    sandbox.text = text;
    const cpuBefore = cpuMs();
    try {
      search.runInContext(context, { timeout: budgetMs });
      return sandbox.found >= 0 ? { matched: live[sandbox.found], skipped } : { skipped };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
      const culprit = live[sandbox.at] ?? live[0]!;
      // a quick pattern that lost the CPU used next to none of it; a slow one, whatever share of
      // a busy machine it got
      if (cpuMs() - cpuBefore >= budgetMs / 10) {
        tooSlow.add(culprit);
        for (const listener of listeners) listener(culprit);
      } else if (starved.has(culprit)) passedOver = [...passedOver, culprit];
      else starved.add(culprit);
    } finally {
      // the text is a client's prompt or an answer: not kept past the search
      sandbox.text = '';
      sandbox.patterns = [];
    }
  }
}
