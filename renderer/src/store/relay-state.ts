import type { RelayStatus, RequestRow } from '../api/admin-types.js';
import type { Page } from './ui-slice.js';

/** Who we are to the relay: the admin token and whether the relay accepted it. */
export interface SessionSlice {
  token: string | undefined;
  /** 'checking' until the first answer; 'unauthorized' after a 401 or without any token. */
  access: 'checking' | 'ok' | 'unauthorized';
  /** The last failure other than a 401, cleared by the next success. */
  error: string | undefined;
  /** Finds the token (URL fragment, session storage, desktop bridge) and loads everything once. */
  start(): Promise<void>;
  /** Records the outcome of an admin call. */
  settle(outcome: unknown): void;
}

export interface StatusSlice {
  status: RelayStatus | undefined;
  loadStatus(): Promise<void>;
}

export interface RequestsSlice {
  requests: RequestRow[];
  /** False until the first page arrived, so "no requests yet" is not shown while loading. */
  requestsLoaded: boolean;
  loadRequests(): Promise<void>;
}

/** Navigation, theme and what the playground opens with. */
export interface UiSlice {
  page: Page;
  theme: 'light' | 'dark';
  /** Models chosen on the Models page, opened as playground columns. */
  playgroundModels: string[];
  navigate(page: Page): void;
  toggleTheme(): void;
  openInPlayground(models: string[]): void;
}

export type RelayState = SessionSlice & StatusSlice & RequestsSlice & UiSlice;
