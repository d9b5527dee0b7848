import { createRef, useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { DiffView } from '../playground/DiffView.js';
import { PlaygroundColumn } from '../playground/PlaygroundColumn.js';
import { maxColumns } from '../store/playground-slice.js';
import { useRelayStore } from '../store/use-relay-store.js';

/** The names /v1/models lists, for the columns' model suggestions. */
function useModelNames(): string[] {
  const token = useRelayStore((state) => state.token);
  const [models, setModels] = useState<string[]>([]);
  useEffect(() => {
    if (!token) return;
    let current = true;
    void fetch('/admin/playground/key', { headers: { authorization: `Bearer ${token}` } })
      .then((response) => response.json() as Promise<{ key: string }>)
      .then(({ key }) => fetch('/v1/models', { headers: { authorization: `Bearer ${key}` } }))
      .then((response) => response.json() as Promise<{ data: Array<{ id: string }> }>)
      .then((list) => current && setModels(list.data.map((model) => model.id)))
      .catch(() => current && setModels([]));
    return () => {
      current = false;
    };
  }, [token]);
  return models;
}

/**
 * The same prompt to 2–6 models or routes at once, streamed in parallel through the relay itself.
 * Its columns, answers and settings live in the store: they keep streaming while another page is
 * open and come back after a restart.
 */
export function PlaygroundPage() {
  const state = useRelayStore((store) => store.playground);
  const runs = useRelayStore((store) => store.playgroundRuns);
  const problem = useRelayStore((store) => store.playgroundProblem);
  const prices = useRelayStore((store) => store.prices);
  const actions = useRelayStore.getState();
  const models = useModelNames();
  const { columns, prompt } = state;
  const refs = useRef(new Map<number, RefObject<HTMLDivElement | null>>());
  const refOf = (key: number) => {
    let ref = refs.current.get(key);
    if (!ref) refs.current.set(key, (ref = createRef<HTMLDivElement>()));
    return ref;
  };
  const promptText = useMemo(
    () => [prompt.system, prompt.user, prompt.tools, prompt.jsonSchema].join('\n'),
    [prompt],
  );

  const scrolling = useRef(false);
  const onScroll = (key: number) => {
    const from = refOf(key).current;
    if (!state.syncScroll || scrolling.current || !from) return;
    scrolling.current = true;
    const ratio = from.scrollTop / Math.max(1, from.scrollHeight - from.clientHeight);
    for (const column of columns) {
      const to = refOf(column.key).current;
      if (to && to !== from) to.scrollTop = ratio * (to.scrollHeight - to.clientHeight);
    }
    requestAnimationFrame(() => (scrolling.current = false));
  };

  const running = columns.some((column) => column.run.status === 'running');
  const answered = columns.filter((column) => column.run.text);
  const label = (key: number) => {
    const index = columns.findIndex((column) => column.key === key);
    return `${index + 1}: ${columns[index]?.model || '(no model)'}`;
  };
  const [left, right] = state.diff ?? [answered[0]?.key, answered[1]?.key];
  const diffed = state.diff?.map((key) => columns.find((column) => column.key === key));
  const fieldProblem = (field: NonNullable<typeof problem>['field']) =>
    problem?.field === field ? (
      <span className="error" role="alert" id={`problem-${field}`}>
        {problem.message}
      </span>
    ) : null;
  return (
    <section className="playground">
      <div className="page-head">
        <h2>Playground</h2>
        <span className="muted">
          Each column streams through the relay like any client (recorded as client “playground”).
        </span>
      </div>
      <form
        className="prompt-form"
        onSubmit={(event) => {
          event.preventDefault();
          void actions.runAll();
        }}
      >
        <label>
          System
          <textarea
            rows={2}
            value={prompt.system}
            onChange={(event) => actions.setPrompt({ system: event.target.value })}
          />
        </label>
        <label>
          Message
          <textarea
            rows={3}
            value={prompt.user}
            aria-invalid={problem?.field === 'message'}
            aria-describedby={problem?.field === 'message' ? 'problem-message' : undefined}
            onChange={(event) => actions.setPrompt({ user: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void actions.runAll();
              }
            }}
          />
          {fieldProblem('message')}
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
                actions.setPrompt({
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
                actions.setPrompt({
                  maxTokens: event.target.value === '' ? undefined : Number(event.target.value),
                })
              }
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={state.advanced}
              onChange={() => actions.setPlaygroundOption({ advanced: !state.advanced })}
            />{' '}
            Tools / JSON schema
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={state.syncScroll}
              onChange={() => actions.setPlaygroundOption({ syncScroll: !state.syncScroll })}
            />{' '}
            Sync scroll
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={state.raw}
              onChange={() => actions.setPlaygroundOption({ raw: !state.raw })}
            />{' '}
            Raw text (no Markdown)
          </label>
          <button type="button" disabled={columns.length >= maxColumns} onClick={actions.addColumn}>
            Add column
          </button>
          <button type="submit" className="primary" disabled={running}>
            Run all (Ctrl+Enter)
          </button>
        </div>
        {state.advanced && (
          <div className="two">
            <label>
              Tools (OpenAI JSON)
              <textarea
                rows={4}
                value={prompt.tools}
                onChange={(event) => actions.setPrompt({ tools: event.target.value })}
              />
              {fieldProblem('tools')}
            </label>
            <label>
              JSON schema for the answer
              <textarea
                rows={4}
                value={prompt.jsonSchema}
                onChange={(event) => actions.setPrompt({ jsonSchema: event.target.value })}
              />
              {fieldProblem('jsonSchema')}
            </label>
          </div>
        )}
        {fieldProblem('models')}
        {problem && !state.advanced && (problem.field === 'tools' || problem.field === 'jsonSchema') && (
          <span className="error" role="alert">
            {problem.message}
          </span>
        )}
      </form>
      <datalist id="playground-models">
        {models.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <div className="columns" data-count={columns.length}>
        {columns.map((column, index) => (
          <PlaygroundColumn
            key={column.key}
            index={index}
            column={column}
            price={prices[column.model.trim()]}
            promptText={promptText}
            raw={state.raw}
            outputRef={refOf(column.key)}
            onScroll={() => onScroll(column.key)}
            onModel={(model) => actions.setColumnModel(column.key, model)}
            onStop={() => actions.stopColumn(column.key)}
            onRetry={() => void actions.runColumn(column.key)}
            onRemove={columns.length > 2 ? () => actions.removeColumn(column.key) : undefined}
          />
        ))}
      </div>
      {answered.length >= 2 && left !== undefined && right !== undefined && (
        <div className="toolbar compare" data-testid="compare">
          <label>
            Compare
            <select
              aria-label="Compare column"
              value={left}
              onChange={(event) => actions.setDiff([Number(event.target.value), right])}
            >
              {answered.map((column) => (
                <option key={column.key} value={column.key}>
                  {label(column.key)}
                </option>
              ))}
            </select>
          </label>
          <label>
            with
            <select
              aria-label="With column"
              value={right}
              onChange={(event) => actions.setDiff([left, Number(event.target.value)])}
            >
              {answered.map((column) => (
                <option key={column.key} value={column.key}>
                  {label(column.key)}
                </option>
              ))}
            </select>
          </label>
          {state.diff ? (
            <button type="button" onClick={() => actions.setDiff(undefined)}>
              Hide diff
            </button>
          ) : (
            <button type="button" onClick={() => actions.setDiff([left, right])} disabled={left === right}>
              Show diff
            </button>
          )}
        </div>
      )}
      {diffed?.[0] && diffed[1] && (
        <DiffView
          before={diffed[0].run.text}
          after={diffed[1].run.text}
          labels={[label(diffed[0].key), label(diffed[1].key)]}
        />
      )}
      <h3 className="runs-title">Recent runs</h3>
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
              <button type="button" onClick={() => actions.rerun(saved)} disabled={running}>
                Run again
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
