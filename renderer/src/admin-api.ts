import type { RequestRow } from '../../relay-core/src/store/query-history.js';

export type { RequestRow };

export interface ProviderStatus {
  id: string;
  preset: string;
  baseUrl: string;
  region: string;
  hasKey: boolean;
  keySource?: string;
}

export interface RelayStatus {
  version: string;
  endpoint: string;
  providers: ProviderStatus[];
  clientKeys: number;
}

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The admin token arrives in the URL fragment (`#token=…`); it is kept in session storage and removed from the address bar. */
export function takeAdminToken(): string | undefined {
  const match = /token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem('switchboard-admin-token', decodeURIComponent(match[1]!));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem('switchboard-admin-token') ?? undefined;
}

/** GET on the relay's admin API (same origin), with the admin token. */
export async function adminGet<T>(path: string, token: string | undefined): Promise<T> {
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      { error?: { message?: string } } | undefined;
    throw new AdminApiError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}
