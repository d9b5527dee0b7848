import type { RefObject } from 'react';
import type { RequestDetail } from '../api/admin-types.js';
import { formatDuration, formatUsd } from '../format.js';
import { tokensPerSecond } from './stream-chat.js';
import type { ColumnRun } from './stream-chat.js';

export interface ColumnProps {
  index: number;
  model: string;
  run: ColumnRun;
  /** The recorded request, once the relay wrote it: cost, estimated-or-reported, attempts. */
  detail?: RequestDetail;
  outputRef: RefObject<HTMLDivElement | null>;
  onScroll: () => void;
  onModel(model: string): void;
  onStop(): void;
  onRetry(): void;
  onRemove?: () => void;
}

function Metric({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="metric" title={title}>
      <span className="label">{label}</span>
      <span className="value">{value}</span>
    </div>
  );
}

/** One model's answer with its metrics; its errors stay inside it. */
export function PlaygroundColumn(props: ColumnProps) {
  const { run, detail } = props;
  const rate = tokensPerSecond(run);
  const usageMark = detail ? (detail.usageEstimated ? 'estimated' : 'reported') : undefined;
  const failedOver = detail && detail.attempts.length > 1;
  return (
    <article
      className="column"
      data-testid="playground-column"
      data-status={run.status}
      aria-label={`Column ${props.index + 1}`}
    >
      <div className="column-head">
        <input
          list="playground-models"
          aria-label={`Model of column ${props.index + 1}`}
          value={props.model}
          onChange={(event) => props.onModel(event.target.value)}
          placeholder="provider/model or route"
        />
        {run.status === 'running' ? (
          <button type="button" onClick={props.onStop}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={props.onRetry} disabled={!props.model}>
            {run.status === 'idle' ? 'Run' : 'Retry'}
          </button>
        )}
        {props.onRemove && (
          <button type="button" aria-label={`Remove column ${props.index + 1}`} onClick={props.onRemove}>
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
        <Metric label="Tokens/s" value={rate === undefined ? '—' : rate.toFixed(0)} />
        <Metric label="Total" value={formatDuration(run.totalMs)} />
        <Metric
          label={`Tokens in/out${usageMark ? ` (${usageMark})` : ''}`}
          value={`${run.inputTokens ?? '—'} / ${run.outputTokens ?? '—'}`}
        />
        <Metric
          label="Cost"
          value={
            detail
              ? detail.unpriced
                ? 'unpriced'
                : formatUsd(detail.costUsd)
              : run.status === 'done'
                ? '…'
                : '—'
          }
        />
      </div>
      {failedOver && (
        <p className="muted small">
          Failed over:{' '}
          {detail.attempts.map((attempt) => `${attempt.provider} (${attempt.status})`).join(' → ')}
        </p>
      )}
      <div className="output" ref={props.outputRef} onScroll={props.onScroll} data-testid="column-output">
        {run.status === 'error' ? (
          <p className="error" role="alert">
            {run.error}
          </p>
        ) : (
          run.text || (
            <span className="muted">
              {run.status === 'running' ? 'Waiting for the first token…' : 'No answer yet.'}
            </span>
          )
        )}
        {run.status === 'stopped' && <p className="muted small">Stopped.</p>}
      </div>
    </article>
  );
}
