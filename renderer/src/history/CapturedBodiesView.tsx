import { useState } from 'react';
import type { CapturedBodies } from '../api/admin-types.js';
import { useAdminApi } from '../hooks/use-admin.js';

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} kB`;

function Body({ title, text, bytes }: { title: string; text: string; bytes: number }) {
  const cut = new TextEncoder().encode(text).length < bytes;
  return (
    <figure className="captured">
      <figcaption>
        {title}{' '}
        <span className="muted small">
          ({cut ? `first ${kilobytes(new TextEncoder().encode(text).length)} of ` : ''}
          {kilobytes(bytes)})
        </span>
      </figcaption>
      <pre tabIndex={0} aria-label={title}>
        {text}
      </pre>
    </figure>
  );
}

/** A request's captured body and answer, shown on demand and deletable. */
export function CapturedBodiesView({ id, onDeleted }: { id: string; onDeleted(): void }) {
  const { get, post } = useAdminApi();
  const [bodies, setBodies] = useState<CapturedBodies>();
  const [error, setError] = useState<string>();
  const show = () =>
    get<CapturedBodies>(`/admin/history/bodies?id=${encodeURIComponent(id)}`).then(
      setBodies,
      (failure: Error) => setError(failure.message),
    );
  const remove = () =>
    post('/admin/history/bodies/delete', { id }).then(
      () => {
        setBodies(undefined);
        onDeleted();
      },
      (failure: Error) => setError(failure.message),
    );
  return (
    <div className="captured-bodies" data-testid="captured-bodies">
      <div className="toolbar">
        {!bodies && (
          <button type="button" onClick={() => void show()}>
            Show request and answer
          </button>
        )}
        <button type="button" onClick={() => void remove()}>
          Delete them
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {bodies && (
        <>
          <Body title="Request body" text={bodies.request} bytes={bodies.requestBytes} />
          <Body title="Answer" text={bodies.answer} bytes={bodies.answerBytes} />
        </>
      )}
    </div>
  );
}
