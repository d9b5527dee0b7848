import { useState } from 'react';
import type { ExplainResult } from '../api/admin-types.js';
import { formatFitNote, formatUsd } from '../format.js';
import { useAdminApi } from '../hooks/use-admin.js';

/** "Try a request": asks the relay which targets a request would use, and why others are left out. */
export function ExplainPanel({ defaultModel }: { defaultModel: string }) {
  const { post } = useAdminApi();
  const [model, setModel] = useState('');
  const [message, setMessage] = useState('Summarise this paragraph in one sentence.');
  const [tools, setTools] = useState(false);
  const [maxTokens, setMaxTokens] = useState('');
  const [effort, setEffort] = useState('');
  const [userAgent, setUserAgent] = useState('');
  const [result, setResult] = useState<ExplainResult>();
  const [error, setError] = useState<string>();
  const explain = async () => {
    const body: Record<string, unknown> = {
      model: model || defaultModel,
      messages: [{ role: 'user', content: message }],
    };
    if (maxTokens) body.max_tokens = Number(maxTokens);
    if (effort) body.reasoning_effort = effort;
    if (userAgent) body.headers = { 'user-agent': userAgent };
    if (tools)
      body.tools = [
        { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } },
      ];
    try {
      setResult(await post<ExplainResult>('/admin/routing/explain', body));
      setError(undefined);
    } catch (failure) {
      setResult(undefined);
      setError((failure as Error).message);
    }
  };
  return (
    <div className="explain" data-testid="explain-panel">
      <h3>Try a request</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void explain();
        }}
      >
        <label>
          Model or route
          <input
            aria-label="Explain model"
            value={model}
            placeholder={defaultModel}
            onChange={(event) => setModel(event.target.value)}
          />
        </label>
        <label>
          Message
          <textarea rows={2} value={message} onChange={(event) => setMessage(event.target.value)} />
        </label>
        <div className="two">
          <label>
            max_tokens
            <input
              aria-label="Explain max tokens"
              inputMode="numeric"
              value={maxTokens}
              onChange={(event) => setMaxTokens(event.target.value.replace(/\D/g, ''))}
            />
          </label>
          <label>
            Reasoning effort
            <select
              aria-label="Explain effort"
              value={effort}
              onChange={(event) => setEffort(event.target.value)}
            >
              <option value="">none asked</option>
              {['minimal', 'low', 'medium', 'high', 'xhigh'].map((level) => (
                <option key={level}>{level}</option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Sent by (a user-agent, e.g. claude-cli/2.1.332)
          <input
            aria-label="Explain user agent"
            value={userAgent}
            onChange={(event) => setUserAgent(event.target.value)}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={tools} onChange={() => setTools(!tools)} /> with tools
        </label>
        <button type="submit">Explain</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="explain-result">
          <p>
            Route: <strong data-testid="explain-route">{result.route ?? 'none (a direct model name)'}</strong>{' '}
            · about {result.estimatedInputTokens} input tokens, {result.assumedOutputTokens} output assumed
          </p>
          <p data-testid="explain-agent">
            {result.agent ? `From ${result.agent.id} (${result.agent.source})` : 'From no known agent'} · for{' '}
            {result.purposes.map((found) => found.purpose).join(', ')}
          </p>
          {result.conditions.map((route, index) => (
            <ul key={index} className="conditions" data-testid="explain-conditions">
              {route.conditions.map((verdict) => (
                <li key={verdict.condition}>
                  {verdict.holds ? '✓' : '✗'} <code>{verdict.condition}</code>{' '}
                  {JSON.stringify(verdict.expected)}: {verdict.observed}
                </li>
              ))}
            </ul>
          ))}
          {result.eligible.length === 0 && <p className="error">No target may serve this request.</p>}
          <ol className="eligible">
            {result.eligible.map((target, index) => (
              <li key={target.target} data-testid="explain-eligible">
                <code>{target.target}</code>{' '}
                {index === 0 ? (
                  <span className="badge ok">picked</span>
                ) : (
                  <span className="badge">fallback {index}</span>
                )}{' '}
                <span className="muted">
                  {target.region} · {target.unpriced ? 'unpriced' : `≈ ${formatUsd(target.predictedCostUsd)}`}
                  {target.predictedLatencyMs !== null &&
                    ` · about ${Math.round(target.predictedLatencyMs)} ms`}
                  {target.key && ` · key ${target.key.name} ${target.key.keyHint}`}
                </span>
                {index === 0 && result.whyPicked && (
                  <p className="why" data-testid="explain-why">
                    Why: {result.whyPicked}.
                  </p>
                )}
                {target.fitted.length > 0 && (
                  <ul className="fitted" data-testid="explain-fitted">
                    {target.fitted.map((note, noteIndex) => (
                      <li key={`${note.param}-${noteIndex}`}>{formatFitNote(note)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {result.excluded.length > 0 && (
            <ul className="excluded">
              {result.excluded.map((entry) => (
                <li key={`${entry.target}-${entry.reason}`} data-testid="explain-excluded">
                  <code>{entry.target}</code> excluded: {entry.reason}
                </li>
              ))}
            </ul>
          )}
          {(result.sideCalls ?? []).length > 0 && (
            <ul className="side-calls">
              {result.sideCalls!.map((call) => (
                <li key={call.kind} data-testid="explain-side-call">
                  {call.kind} <code>{call.model}</code> goes to{' '}
                  {call.targets.length > 0 ? (
                    call.targets.map((target) => `${target.target} (${target.region})`).join(', then ')
                  ) : (
                    <span className="error">nowhere inside the policy: it is skipped</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
