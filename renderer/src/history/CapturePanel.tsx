import { useEffect, useState } from 'react';
import type { CaptureSettings, ConfigEditResult, ConfigView } from '../api/admin-types.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useAdminApi, useAdminQuery } from '../hooks/use-admin.js';

/**
 * The capture of request and answer bodies (config.yaml `history.capture`): off by default; a size
 * cap, a retention period and a redaction level; and deleting every captured body.
 */
export function CapturePanel() {
  const { post } = useAdminApi();
  const { data, reload } = useAdminQuery<ConfigView>('/admin/config');
  const [draft, setDraft] = useState<CaptureSettings>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (data?.capture) setDraft(data.capture);
  }, [data]);
  if (!draft) return null;
  const save = async () => {
    try {
      const reply = await post<ConfigEditResult>('/admin/config/capture', draft);
      setMessage(
        reply.ok
          ? { ok: true, text: draft.enabled ? 'Capture is on for new requests.' : 'Capture is off.' }
          : { ok: false, text: reply.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') },
      );
      reload();
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    }
  };
  const deleteAll = async (confirmed: boolean) => {
    setConfirming(false);
    if (!confirmed) return;
    const reply = await post<{ deleted: number }>('/admin/history/bodies/delete', { all: true });
    setMessage({ ok: true, text: `Deleted the captured bodies of ${reply.deleted} requests.` });
  };
  return (
    <details className="capture-panel" data-testid="capture-panel">
      <summary>
        Capture request and answer bodies: <strong>{data?.capture.enabled ? 'on' : 'off'}</strong>
      </summary>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
          />{' '}
          Keep each request’s body and answer
        </label>
        <label>
          Size limit per body, kB
          <input
            type="number"
            min={1}
            max={16384}
            value={Math.round(draft.max_bytes / 1024)}
            onChange={(event) =>
              setDraft({ ...draft, max_bytes: Math.max(1, Number(event.target.value)) * 1024 })
            }
          />
        </label>
        <label>
          Keep for, days
          <input
            type="number"
            min={1}
            value={draft.retention_days}
            onChange={(event) => setDraft({ ...draft, retention_days: Number(event.target.value) })}
          />
        </label>
        <label>
          Redact
          <select
            value={draft.redact}
            onChange={(event) =>
              setDraft({ ...draft, redact: event.target.value as CaptureSettings['redact'] })
            }
          >
            <option value="secrets">keys and secrets</option>
            <option value="personal">keys, secrets, e-mail addresses, phone numbers, IPs</option>
          </select>
        </label>
        <button type="submit">Save capture settings</button>
        <button type="button" onClick={() => setConfirming(true)}>
          Delete all captured bodies…
        </button>
      </form>
      <p className="muted small">
        Bodies stay on this machine, in the history database. Provider keys are always scrubbed before they
        are written.
      </p>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title="Delete every captured body?"
          confirm="Delete all"
          onAnswer={(yes) => void deleteAll(yes)}
        >
          <p>The requests stay in the history; only their captured bodies and answers go.</p>
        </ConfirmDialog>
      )}
    </details>
  );
}
