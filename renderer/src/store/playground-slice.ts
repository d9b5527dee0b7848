import type { StateCreator } from 'zustand';
import { adminGet } from '../api/admin-client.js';
import type { RequestDetail } from '../api/admin-types.js';
import type { ModelPrice } from '../playground/column-metrics.js';
import { freshPlayground, loadPlayground } from '../playground/persist-playground.js';
import type { PlaygroundState } from '../playground/persist-playground.js';
import { loadRuns, saveRun } from '../playground/playground-runs.js';
import type { SavedRun } from '../playground/playground-runs.js';
import { PromptProblem, buildChatBody, checkPrompt, streamChat } from '../playground/stream-chat.js';
import type { ColumnRun, PlaygroundPrompt } from '../playground/stream-chat.js';
import type { PlaygroundSlice, RelayState } from './relay-state.js';

/** The playground holds at most this many columns. */
export const maxColumns = 6;

/**
 * The playground's columns, prompt and settings, kept in the store (not the page) so a stream
 * keeps arriving while another page is open, and saved to local storage for the next visit.
 */
export const createPlaygroundSlice: StateCreator<RelayState, [], [], PlaygroundSlice> = (set, get) => {
  const controllers = new Map<number, AbortController>();
  const initial = loadPlayground();
  let nextKey = Math.max(0, ...initial.columns.map((column) => column.key)) + 1;
  const update = (change: (state: PlaygroundState) => PlaygroundState) =>
    set((state) => ({ playground: change(state.playground) }));
  const patchColumn = (key: number, change: Partial<PlaygroundState['columns'][number]>) =>
    update((state) => ({
      ...state,
      columns: state.columns.map((column) => (column.key === key ? { ...column, ...change } : column)),
    }));

  const playgroundKey = async (): Promise<string> => {
    const known = get().playgroundKey;
    if (known) return known;
    const { key } = await adminGet<{ key: string }>('/admin/playground/key', get().token);
    set({ playgroundKey: key });
    return key;
  };

  const loadPrice = async (model: string) => {
    if (model in get().prices) return;
    try {
      const reply = await adminGet<{ unpriced: boolean; input?: number; output?: number }>(
        `/admin/price?model=${encodeURIComponent(model)}`,
        get().token,
      );
      const price: ModelPrice =
        reply.unpriced || reply.input === undefined || reply.output === undefined
          ? 'unpriced'
          : { input: reply.input, output: reply.output };
      set((state) => ({ prices: { ...state.prices, [model]: price } }));
    } catch {
      // no estimate then; the recorded cost still comes
    }
  };

  /** The relay writes history in batches: ask until the request is there. */
  const fetchDetail = async (key: number, requestId: string): Promise<RequestDetail | undefined> => {
    for (let tries = 0; tries < 40; tries++) {
      try {
        const detail = await adminGet<RequestDetail>(
          `/admin/history/request?id=${encodeURIComponent(requestId)}`,
          get().token,
        );
        patchColumn(key, { detail });
        return detail;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    return undefined;
  };

  const runOne = async (key: number, asked: PlaygroundPrompt): Promise<SavedRun['results'][number]> => {
    const column = get().playground.columns.find((entry) => entry.key === key);
    const model = column?.model.trim() ?? '';
    if (!column || model === '') return { model, status: 'skipped' };
    controllers.get(key)?.abort();
    const controller = new AbortController();
    controllers.set(key, controller);
    let latest: ColumnRun = { status: 'running', text: '', startedAt: Date.now() };
    patchColumn(key, { run: latest, detail: undefined });
    void loadPrice(model);
    let clientKey: string;
    try {
      clientKey = await playgroundKey();
    } catch (error) {
      latest = { ...latest, status: 'error', error: (error as Error).message };
      patchColumn(key, { run: latest });
      return { model, status: 'error' };
    }
    await streamChat(buildChatBody(model, asked), clientKey, controller.signal, (change) => {
      latest = { ...latest, ...change };
      patchColumn(key, { run: latest });
    });
    controllers.delete(key);
    const detail = latest.requestId ? await fetchDetail(key, latest.requestId) : undefined;
    return {
      model,
      requestId: latest.requestId,
      provider: latest.provider,
      status: latest.status,
      costUsd: detail?.costUsd,
    };
  };

  /** Checks the prompt for these columns; false (with the problem shown) when it cannot be sent. */
  const ready = (asked: PlaygroundPrompt, models: string[]): boolean => {
    try {
      checkPrompt(asked, models);
    } catch (error) {
      if (!(error instanceof PromptProblem)) throw error;
      set({ playgroundProblem: { field: error.field, message: error.message } });
      return false;
    }
    set({ playgroundProblem: undefined });
    return true;
  };

  return {
    playground: initial,
    playgroundRuns: loadRuns(),
    playgroundKey: undefined,
    playgroundProblem: undefined,
    prices: {},
    setPrompt(change) {
      update((state) => ({ ...state, prompt: { ...state.prompt, ...change } }));
      if (get().playgroundProblem) set({ playgroundProblem: undefined });
    },
    setPlaygroundOption(change) {
      update((state) => ({ ...state, ...change }));
    },
    setColumnModel(key, model) {
      patchColumn(key, { model });
      if (get().playgroundProblem?.field === 'models') set({ playgroundProblem: undefined });
    },
    addColumn() {
      update((state) =>
        state.columns.length >= maxColumns
          ? state
          : {
              ...state,
              columns: [...state.columns, { key: nextKey++, model: '', run: { status: 'idle', text: '' } }],
            },
      );
    },
    removeColumn(key) {
      controllers.get(key)?.abort();
      update((state) => ({
        ...state,
        columns: state.columns.filter((column) => column.key !== key),
        diff: state.diff?.includes(key) ? undefined : state.diff,
      }));
    },
    openInPlayground(models) {
      for (const controller of controllers.values()) controller.abort();
      const fresh = freshPlayground(models.slice(0, maxColumns));
      update((state) => ({
        ...state,
        diff: undefined,
        columns: fresh.columns.map((column) => ({ ...column, key: nextKey++ })),
      }));
      get().navigate('playground');
    },
    async runAll() {
      const { prompt, columns } = get().playground;
      if (
        !ready(
          prompt,
          columns.map((column) => column.model),
        )
      )
        return;
      const at = Date.now();
      const ran = columns.filter((column) => column.model.trim() !== '');
      const results = await Promise.all(ran.map((column) => runOne(column.key, prompt)));
      set({
        playgroundRuns: saveRun({
          id: `run_${at.toString(36)}`,
          at,
          prompt,
          models: ran.map((column) => column.model.trim()),
          results,
        }),
      });
    },
    async runColumn(key) {
      const { prompt, columns } = get().playground;
      const column = columns.find((entry) => entry.key === key);
      if (!column || !ready(prompt, [column.model])) return;
      await runOne(key, prompt);
    },
    stopColumn(key) {
      controllers.get(key)?.abort();
    },
    rerun(saved) {
      for (const controller of controllers.values()) controller.abort();
      update((state) => ({
        ...state,
        prompt: saved.prompt,
        diff: undefined,
        columns: saved.models.map((model) => ({ key: nextKey++, model, run: { status: 'idle', text: '' } })),
      }));
      void get().runAll();
    },
    setDiff(pair) {
      update((state) => ({ ...state, diff: pair }));
    },
  };
};
