import { useState } from 'react';
import type { ImportView, LitellmExport } from '../api/admin-types.js';
import { useAdminApi } from '../hooks/use-admin.js';
import { CopyButton } from './CopyButton.js';

const tools = [
  { id: 'auto', label: 'Recognise from the file' },
  { id: 'litellm', label: 'LiteLLM config.yaml' },
  { id: 'ccr', label: 'claude-code-router config.json' },
  { id: 'cc-switch', label: 'cc-switch providers' },
];

/** The diff of config.yaml, added and removed lines marked for the eye and for screen readers. */
function DiffView({ diff }: { diff: string }) {
  return (
    <pre className="import-diff" tabIndex={0} aria-label="Changes to config.yaml" data-testid="import-diff">
      {diff
        .split('\n')
        .map((line, index) =>
          line.startsWith('+') ? (
            <ins key={index}>{`${line}\n`}</ins>
          ) : line.startsWith('-') ? (
            <del key={index}>{`${line}\n`}</del>
          ) : (
            <span key={index}>{`${line}\n`}</span>
          ),
        )}
    </pre>
  );
}

function Lines({ title, lines }: { title: string; lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="import-lines">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * Import another relay's configuration (choose a file, read the change to config.yaml, apply it;
 * keys found in the file go to the keychain) and export this one as a LiteLLM config.yaml.
 */
export function ImportPanel({ onApplied }: { onApplied(): void }) {
  const { get, post } = useAdminApi();
  const [tool, setTool] = useState('auto');
  const [text, setText] = useState<string>();
  const [preview, setPreview] = useState<ImportView>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [exported, setExported] = useState<LitellmExport>();
  const failed = (error: unknown) => setMessage({ ok: false, text: (error as Error).message });

  const choose = async (file: File | undefined) => {
    setPreview(undefined);
    setMessage(undefined);
    if (!file) return;
    const content = await file.text();
    setText(content);
    post<ImportView>('/admin/import/preview', { source: tool, text: content }).then(setPreview, failed);
  };
  const apply = () =>
    post<ImportView>('/admin/import/apply', { source: preview?.source, text }).then((done) => {
      setPreview(undefined);
      setText(undefined);
      setMessage({
        ok: true,
        text:
          'Imported into config.yaml.' +
          (done.keys.length > 0 ? ` Keys stored for ${done.keys.join(', ')}.` : ''),
      });
      onApplied();
    }, failed);

  return (
    <section className="import-panel" aria-labelledby="import-title">
      <h3 id="import-title">Import from another relay</h3>
      <div className="toolbar">
        <label>
          From
          <select aria-label="Import from" value={tool} onChange={(event) => setTool(event.target.value)}>
            {tools.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          File
          <input
            type="file"
            aria-label="Configuration file to import"
            accept=".yaml,.yml,.json,.jsonc"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </label>
      </div>
      {preview && (
        <div data-testid="import-preview">
          <DiffView diff={preview.diff || ' (config.yaml would not change)'} />
          <Lines
            title="Keys found in the file (stored in the keychain, never in config.yaml)"
            lines={preview.keys}
          />
          <Lines title="Notes" lines={preview.notes} />
          <Lines title="Not translated" lines={preview.untranslated} />
          <div className="toolbar">
            <button type="button" className="primary" onClick={() => void apply()}>
              Apply to config.yaml
            </button>
            <button type="button" onClick={() => setPreview(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
      <h3>Export</h3>
      <button
        type="button"
        onClick={() => void get<LitellmExport>('/admin/export/litellm').then(setExported, failed)}
      >
        Export as LiteLLM config.yaml
      </button>
      {exported && (
        <div data-testid="litellm-export">
          <pre tabIndex={0} aria-label="LiteLLM config.yaml">
            {exported.yaml}
          </pre>
          <CopyButton text={exported.yaml} label="Copy LiteLLM config" />
          <Lines title="Not exported" lines={exported.notes} />
        </div>
      )}
    </section>
  );
}
