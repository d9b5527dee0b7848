import type { RefObject } from 'react';
import { MarkdownText } from '../components/MarkdownText.js';
import { formatDuration, formatUsd } from '../format.js';
import { useNow } from '../hooks/use-now.js';
import { columnMetrics } from './column-metrics.js';
import type { Measured, ModelPrice } from './column-metrics.js';
import type { PlaygroundColumnState } from './persist-playground.js';

export interface ColumnProps {
  index: number;
  column: PlaygroundColumnState;
  price: ModelPrice | undefined;
  /** The prompt's text, for the input estimate while the answer streams. */
  promptText: string;
  raw: boolean;
  outputRef: RefObject<HTMLDivElement | null>;
  onScroll: () => void;
  onModel(model: string): void;
  onStop(): void;
  onRetry(): void;
  onRemove?: () => void;
}

function Metric({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="metric" title={title ?? `${label}: ${value}`}>
      <span className="label">{label}</span>
      <span className="value">{value}</span>
    </div>
  );
}

const sourceWords: Record<Measured['source'], string> = {
  reported: 'reported',
  recorded: 'recorded',
  estimated: 'estimated',
  'relay estimate': 'estimated by the relay',
};

/** One model's answer with its metrics, live while it streams; its errors stay inside it. */
export function PlaygroundColumn(props: ColumnProps) {
  const { column, index } = props;
  const { run, detail } = column;
  const now = useNow(run.status === 'running');
  const metrics = columnMetrics(run, detail, props.price, props.promptText, now);
  const tokens = metrics.outputTokens ?? metrics.inputTokens;
  const count = (measured: Measured | undefined) => (measured ? measured.value.toLocaleString('en-US') : '—');
  const cost = metrics.cost;
  const failedOver = detail && detail.attempts.length > 1;
  return (
    <article
      className="column"
      data-testid="playground-column"
      data-status={run.status}
      aria-label={`Column ${index + 1}`}
    >
      <div className="column-head">
        <input
          list="playground-models"
          aria-label={`Model of column ${index + 1}`}
          value={column.model}
          onChange={(event) => props.onModel(event.target.value)}
          placeholder="provider/model or route"
        />
        {run.status === 'running' ? (
          <button type="button" onClick={props.onStop}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={props.onRetry} disabled={!column.model.trim()}>
            {run.status === 'idle' ? 'Run' : 'Retry'}
          </button>
        )}
        {props.onRemove && (
          <button type="button" aria-label={`Remove column ${index + 1}`} onClick={props.onRemove}>
            ✕
          </button>
        )}
      </div>
      <div className="metrics" data-testid="column-metrics">
        <Metric
          label="Provider"
          value={run.provider ?? '—'}
          title="Who actually answered, after any failover"
        />
        <Metric label="TTFT" value={formatDuration(run.ttftMs)} />
        <Metric label="Time" value={formatDuration(metrics.elapsedMs)} />
        <Metric
          label="Tokens/s"
          value={metrics.tokensPerSecond === undefined ? '—' : metrics.tokensPerSecond.toFixed(0)}
          title={
            metrics.tokensPerSecond === undefined && run.status !== 'idle'
              ? 'Too short a stream to measure a rate'
              : 'Output tokens per second after the first token'
          }
        />
        <Metric
          label={`Tokens in/out${tokens ? ` (${sourceWords[tokens.source]})` : ''}`}
          value={`${count(metrics.inputTokens)} / ${count(metrics.outputTokens)}`}
        />
        <Metric
          label={`Cost${cost && cost !== 'unpriced' && cost.source === 'estimated' ? ' (estimated)' : ''}`}
          value={
            cost === 'unpriced'
              ? 'unpriced'
              : cost
                ? `${cost.source === 'estimated' ? '≈ ' : ''}${formatUsd(cost.value)}`
                : run.status === 'idle'
                  ? '—'
                  : '…'
          }
        />
      </div>
      {failedOver && (
        <p className="muted small">
          Failed over:{' '}
          {detail.attempts.map((attempt) => `${attempt.provider} (${attempt.status})`).join(' → ')}
        </p>
      )}
      <div
        className={`output${props.raw ? ' raw' : ''}`}
        ref={props.outputRef}
        onScroll={props.onScroll}
        data-testid="column-output"
        tabIndex={0}
        aria-label={`Answer of column ${index + 1}`}
      >
        {run.status === 'error' ? (
          <p className="error" role="alert">
            {run.error}
          </p>
        ) : run.text ? (
          props.raw ? (
            run.text
          ) : (
            <MarkdownText text={run.text} />
          )
        ) : (
          <span className="muted">
            {run.status === 'running' ? 'Waiting for the first token…' : 'No answer yet.'}
          </span>
        )}
        {run.status === 'stopped' && <p className="muted small">Stopped.</p>}
      </div>
    </article>
  );
}
