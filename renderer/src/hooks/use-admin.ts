import { useCallback, useEffect, useState } from 'react';
import { adminGet, adminPost } from '../api/admin-client.js';
import { useRelayStore } from '../store/use-relay-store.js';

/** GET and POST on the admin API with the session's token. */
export function useAdminApi() {
  const token = useRelayStore((state) => state.token);
  const get = useCallback(<T>(path: string) => adminGet<T>(path, token), [token]);
  const post = useCallback(<T>(path: string, body: unknown) => adminPost<T>(path, token, body), [token]);
  return { get, post };
}

/**
 * Loads `path` whenever it changes (null: nothing to load). The last answer stays shown while
 * the next loads; an answer that arrives after a newer request started is dropped.
 */
export function useAdminQuery<T>(path: string | null): {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
} {
  const { get } = useAdminApi();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    get<T>(path).then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure instanceof Error ? failure.message : String(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, get, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data, error, loading, reload };
}
