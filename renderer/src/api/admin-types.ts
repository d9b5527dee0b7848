/**
 * The admin API's answers as the UI reads them (relay-core/src/admin/admin-routes.ts). Declared
 * here rather than imported, so the bundle depends on the HTTP contract and not on relay internals.
 */

/** A configured provider; its key is never sent, only where it was found. */
export interface ProviderStatus {
  id: string;
  preset: string;
  baseUrl: string;
  region: string;
  hasKey: boolean;
  /** 'keychain', 'env', 'encrypted-file', 'none needed', … */
  keySource?: string;
}

/** `GET /admin/status` */
export interface RelayStatus {
  version: string;
  /** Where the relay listens, without `/v1`. */
  endpoint: string;
  providers: ProviderStatus[];
  clientKeys: number;
}

/** One client request from `GET /admin/requests`, newest first. */
export interface RequestRow {
  id: string;
  createdAt: number;
  client?: string;
  dialect: string;
  requestedModel: string;
  provider?: string;
  upstreamModel?: string;
  status: 'ok' | 'error' | 'client_closed';
  httpStatus?: number;
  errorCode?: string;
  stream: boolean;
  ttftMs?: number;
  latencyMs?: number;
  overheadMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** null when nothing could be priced (no usage, or no price known). */
  costUsd?: number | null;
  /** The catalog has no price for the model: shown as such, never as $0. */
  unpriced: boolean;
}

/** `GET /admin/requests` */
export interface RequestsPage {
  requests: RequestRow[];
}
