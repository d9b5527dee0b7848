import { createRef, useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { RequestDetail } from '../api/admin-types.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';
import { DiffView } from '../playground/DiffView.js';
import { PlaygroundColumn } from '../playground/PlaygroundColumn.js';
import { loadRuns, saveRun } from '../playground/playground-runs.js';
import type { SavedRun } from '../playground/playground-runs.js';
import { buildChatBody, streamChat } from '../playground/stream-chat.js';
import type { ColumnRun, PlaygroundPrompt } from '../playground/stream-chat.js';
import { useRelayStore } from '../store/use-relay-store.js';

interface Column {
  key: number;
  model: string;
  run: ColumnRun;
  detail?: RequestDetail;
  outputRef: RefObject<HTMLDivElement | null>;
}

const idle: ColumnRun = { status: 'idle', text: '' };
const defaultPrompt: PlaygroundPrompt = {
  system: '',
  user: 'Invent a holiday and describe how people celebrate it.',
  jsonSchema: '',
  tools: '',
};
let nextKey = 0;
const column = (model: string): Column => ({ key: nextKey++, model, run: idle, outputRef: createRef() });

/** The same prompt to 2–6 models or routes at once, streamed in parallel through the relay itself. */
export function PlaygroundPage() {
  const chosen = useRelayStore((state) => state.playgroundModels);
  const { get } = useAdminApi();
  const [columns, setColumns] = useState<Column[]>(() =>
    (chosen.length > 0 ? chosen : ['', '']).map((model) => column(model)),
  );
  const [prompt, setPrompt] = useState(defaultPrompt);
  const [advanced, setAdvanced] = useState(false);
  const [syncScroll, setSyncScroll] = useState(true);
  const [diff, setDiff] = useState<[number, number] | undefined>();
  const [runs, setRuns] = useState<SavedRun[]>(() => loadRuns());
  const [formError, setFormError] = useState<string>();
  const controllers = useRef(new Map<number, AbortController>());
  const { data: keyReply, error: keyError } = useAdminQuery<{ key: string }>('/admin/playground/key');
  const [models, setModels] = useState<string[]>([]);

  useEffect(() => {
    if (!keyReply) return;
    void fetch('/v1/models', { headers: { authorization: `Bearer ${keyReply.key}` } })
      .then((response) => response.json() as Promise<{ data: Array<{ id: string }> }>)
      .then((list) => setModels(list.data.map((model) => model.id)))
      .catch(() => setModels([]));
  }, [keyReply]);
  useEffect(() => () => controllers.current.forEach((controller) => controller.abort()), []);

  const patch = useCallback((key: number, change: Partial<Column>) => {
    setColumns((list) => list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  }, []);

  /** The relay writes history in batches: ask until the request is there. */
  const fetchDetail = useCallback(
    async (key: number, requestId: string) => {
      for (let tries = 0; tries < 20; tries++) {
        try {
          const detail = await get<RequestDetail>(
            `/admin/history/request?id=${encodeURIComponent(requestId)}`,
          );
          patch(key, { detail });
          return detail;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      }
      return undefined;
    },
    [get, patch],
  );

  const runColumn = useCallback(
    async (entry: Column, asked: PlaygroundPrompt): Promise<SavedRun['results'][number]> => {
      if (!keyReply || !entry.model.trim()) return { model: entry.model, status: 'skipped' };
      controllers.current.get(entry.key)?.abort();
      const controller = new AbortController();
      controllers.current.set(entry.key, controller);
      let latest: ColumnRun = { status: 'running', text: '' };
      patch(entry.key, { run: latest, detail: undefined });
      await streamChat(
        buildChatBody(entry.model.trim(), asked),
        keyReply.key,
        controller.signal,
        (change) => {
          latest = { ...latest, ...change };
          const run = latest;
          patch(entry.key, { run });
        },
      );
      const detail = latest.requestId ? await fetchDetail(entry.key, latest.requestId) : undefined;
      return {
        model: entry.model,
        requestId: latest.requestId,
        provider: latest.provider,
        status: latest.status,
        costUsd: detail?.costUsd,
      };
    },
    [keyReply, patch, fetchDetail],
  );

  const runAll = async (models: Column[] = columns, asked: PlaygroundPrompt = prompt) => {
    try {
      buildChatBody('check', asked);
    } catch (error) {
      setFormError((error as Error).message);
      return;
    }
    setFormError(undefined);
    const id = `run_${Date.now().toString(36)}`;
    const results = await Promise.all(models.map((entry) => runColumn(entry, asked)));
    setRuns(
      saveRun({ id, at: Date.now(), prompt: asked, models: models.map((entry) => entry.model), results }),
    );
  };

  const rerun = (saved: SavedRun) => {
    const next = saved.models.map((model) => column(model));
    setPrompt(saved.prompt);
    setColumns(next);
    setDiff(undefined);
    void runAll(next, saved.prompt);
  };

  const scrolling = useRef(false);
  const onScroll = (source: Column) => {
    const from = source.outputRef.current;
    if (!syncScroll || scrolling.current || !from) return;
    scrolling.current = true;
    const ratio = from.scrollTop / Math.max(1, from.scrollHeight - from.clientHeight);
    for (const entry of columns) {
      const to = entry.outputRef.current;
      if (to && to !== from) to.scrollTop = ratio * (to.scrollHeight - to.clientHeight);
    }
    requestAnimationFrame(() => (scrolling.current = false));
  };

  const running = columns.some((entry) => entry.run.status === 'running');
  const finished = columns.filter((entry) => entry.run.text);
  return (
    <section className="playground">
      <div className="page-head">
        <h2>Playground</h2>
        <span className="muted">
          Each column streams through the relay like any client (recorded as client “playground”).
        </span>
      </div>
      {keyError && (
        <p className="banner" role="alert">
          {keyError}
        </p>
      )}
      <form
        className="prompt-form"
        onSubmit={(event) => {
          event.preventDefault();
          void runAll();
        }}
      >
        <label>
          System
          <textarea
            rows={2}
            value={prompt.system}
            onChange={(event) => setPrompt({ ...prompt, system: event.target.value })}
          />
        </label>
        <label>
          Message
          <textarea
            rows={3}
            value={prompt.user}
            onChange={(event) => setPrompt({ ...prompt, user: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void runAll();
              }
            }}
          />
        </label>
        <div className="toolbar">
          <label>
            Temperature
            <input
              type="number"
              min={0}
              max={2}
              step={0.1}
              value={prompt.temperature ?? ''}
              onChange={(event) =>
                setPrompt({
                  ...prompt,
                  temperature: event.target.value === '' ? undefined : Number(event.target.value),
                })
              }
            />
          </label>
          <label>
            Max tokens
            <input
              type="number"
              min={1}
              value={prompt.maxTokens ?? ''}
              onChange={(event) =>
                setPrompt({
                  ...prompt,
                  maxTokens: event.target.value === '' ? undefined : Number(event.target.value),
                })
              }
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={advanced} onChange={() => setAdvanced(!advanced)} /> Tools / JSON
            schema
          </label>
          <label className="check">
            <input type="checkbox" checked={syncScroll} onChange={() => setSyncScroll(!syncScroll)} /> Sync
            scroll
          </label>
          <button
            type="button"
            disabled={columns.length >= 6}
            onClick={() => setColumns([...columns, column('')])}
          >
            Add column
          </button>
          <button type="submit" className="primary" disabled={running || !keyReply}>
            Run all (Ctrl+Enter)
          </button>
        </div>
        {advanced && (
          <div className="two">
            <label>
              Tools (OpenAI JSON)
              <textarea
                rows={4}
                value={prompt.tools}
                onChange={(event) => setPrompt({ ...prompt, tools: event.target.value })}
              />
            </label>
            <label>
              JSON schema for the answer
              <textarea
                rows={4}
                value={prompt.jsonSchema}
                onChange={(event) => setPrompt({ ...prompt, jsonSchema: event.target.value })}
              />
            </label>
          </div>
        )}
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
      </form>
      <datalist id="playground-models">
        {models.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <div className="columns" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
        {columns.map((entry, index) => (
          <PlaygroundColumn
            key={entry.key}
            index={index}
            model={entry.model}
            run={entry.run}
            detail={entry.detail}
            outputRef={entry.outputRef}
            onScroll={() => onScroll(entry)}
            onModel={(model) => patch(entry.key, { model })}
            onStop={() => controllers.current.get(entry.key)?.abort()}
            onRetry={() => void runColumn(entry, prompt)}
            onRemove={
              columns.length > 2
                ? () => setColumns(columns.filter((other) => other.key !== entry.key))
                : undefined
            }
          />
        ))}
      </div>
      {finished.length >= 2 && (
        <div className="toolbar">
          <span>Compare:</span>
          {finished.slice(1).map((entry) => (
            <button key={entry.key} type="button" onClick={() => setDiff([finished[0]!.key, entry.key])}>
              Diff {finished[0]!.model} ↔ {entry.model}
            </button>
          ))}
        </div>
      )}
      {diff &&
        (() => {
          const [left, right] = diff.map((key) => columns.find((entry) => entry.key === key));
          return left && right ? (
            <DiffView before={left.run.text} after={right.run.text} labels={[left.model, right.model]} />
          ) : null;
        })()}
      <h3>Recent runs</h3>
      {runs.length === 0 ? (
        <p className="empty">
          No runs yet. Pick two or more models (or select them on the Models page) and press Run all.
        </p>
      ) : (
        <ul className="runs" data-testid="playground-runs">
          {runs.map((saved) => (
            <li key={saved.id}>
              <span className="muted">{new Date(saved.at).toLocaleString()}</span> {saved.models.join(', ')} —{' '}
              <em>{saved.prompt.user.slice(0, 60)}</em>{' '}
              <button type="button" onClick={() => rerun(saved)} disabled={running || !keyReply}>
                Run again
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
