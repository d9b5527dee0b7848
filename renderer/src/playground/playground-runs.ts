import type { PlaygroundPrompt } from './stream-chat.js';

/** A playground run as kept for re-running: the prompt, the columns, and each column's outcome. */
export interface SavedRun {
  id: string;
  at: number;
  prompt: PlaygroundPrompt;
  models: string[];
  results: Array<{
    model: string;
    requestId?: string;
    provider?: string;
    status: string;
    costUsd?: number | null;
  }>;
}

const storageKey = 'switchboard.playgroundRuns';
const keep = 20;

/** The saved runs, newest first. */
export function loadRuns(storage: Pick<Storage, 'getItem'> = window.localStorage): SavedRun[] {
  try {
    const value = JSON.parse(storage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(value) ? (value as SavedRun[]) : [];
  } catch {
    return [];
  }
}

/** Saves a run (replacing one with the same id) and keeps the newest 20. */
export function saveRun(
  run: SavedRun,
  storage: Pick<Storage, 'getItem' | 'setItem'> = window.localStorage,
): SavedRun[] {
  const runs = [run, ...loadRuns(storage).filter((entry) => entry.id !== run.id)].slice(0, keep);
  storage.setItem(storageKey, JSON.stringify(runs));
  return runs;
}
