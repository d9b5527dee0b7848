import type { RelayStatus } from '../api/admin-types.js';
import { storeNotices } from './store-notices.js';

/**
 * Says, on every page, that a team store (Redis state, the history database) is away and what
 * that means meanwhile. The live region stays in the page while empty, so a screen reader
 * announces a notice when it appears.
 */
export function StoreNotice({ status }: { status: RelayStatus | undefined }) {
  const notices = storeNotices(status);
  return (
    <div role="status" data-testid="store-notice">
      {notices.length > 0 && (
        <ul className="store-notice">
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
