import type { RequestDetail } from '../api/admin-types.js';
import type { ColumnRun, PlaygroundPrompt } from './stream-chat.js';

/** One playground column: the model it asks, its latest answer and the relay's record of it. */
export interface PlaygroundColumnState {
  key: number;
  model: string;
  run: ColumnRun;
  detail?: RequestDetail;
}

/** The playground as it is kept across pages and restarts. */
export interface PlaygroundState {
  columns: PlaygroundColumnState[];
  prompt: PlaygroundPrompt;
  advanced: boolean;
  syncScroll: boolean;
  /** Answers as plain text instead of rendered Markdown. */
  raw: boolean;
  /** The two columns (by key) whose answers are compared word by word. */
  diff?: [number, number];
}

const storageKey = 'switchboard.playground';

export const defaultPrompt: PlaygroundPrompt = {
  system: '',
  user: 'Invent a holiday and describe how people celebrate it.',
  jsonSchema: '',
  tools: '',
};

/** Two empty columns and the example prompt: what a first visit shows. */
export function freshPlayground(models: string[] = ['', '']): PlaygroundState {
  return {
    columns: models.map((model, key) => ({ key, model, run: { status: 'idle', text: '' } })),
    prompt: defaultPrompt,
    advanced: false,
    syncScroll: true,
    raw: false,
  };
}

/**
 * The playground as the last session left it. A column that was still streaming when the page
 * went away is shown as stopped: its stream did not survive the reload.
 */
export function loadPlayground(storage: Pick<Storage, 'getItem'> = window.localStorage): PlaygroundState {
  try {
    const stored = JSON.parse(storage.getItem(storageKey) ?? 'null') as PlaygroundState | null;
    if (!stored || !Array.isArray(stored.columns) || stored.columns.length === 0) return freshPlayground();
    return {
      ...freshPlayground(),
      ...stored,
      prompt: { ...defaultPrompt, ...stored.prompt },
      columns: stored.columns.map((column) =>
        column.run.status === 'running' ? { ...column, run: { ...column.run, status: 'stopped' } } : column,
      ),
    };
  } catch {
    return freshPlayground();
  }
}

/** Keeps the playground for the next visit (this browser only). */
export function savePlayground(
  state: PlaygroundState,
  storage: Pick<Storage, 'setItem'> = window.localStorage,
): void {
  try {
    storage.setItem(storageKey, JSON.stringify(state));
  } catch {
    // a full storage loses the playground's persistence, not the page
  }
}
