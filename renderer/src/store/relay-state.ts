import type { RelayStatus, RequestRow } from '../api/admin-types.js';
import type { ModelPrice } from '../playground/column-metrics.js';
import type { PlaygroundState } from '../playground/persist-playground.js';
import type { SavedRun } from '../playground/playground-runs.js';
import type { PlaygroundPrompt } from '../playground/stream-chat.js';
import type { Page } from './ui-slice.js';

/** Who we are to the relay: the admin token and whether the relay accepted it. */
export interface SessionSlice {
  token: string | undefined;
  /** 'checking' until the first answer; 'unauthorized' after a 401 or without any token. */
  access: 'checking' | 'ok' | 'unauthorized';
  /** The last failure other than a 401, cleared by the next success. */
  error: string | undefined;
  /** A client key created in this window (shown once): the setup snippets fill it in. */
  createdClientKey: { name: string; key: string } | undefined;
  rememberClientKey(created: { name: string; key: string } | undefined): void;
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

/** Navigation, theme, and the guard of a page with unsaved changes. */
export interface UiSlice {
  page: Page;
  theme: 'light' | 'dark';
  /** What leaving the current page would lose; leaving then asks first. */
  leaveGuard: string | undefined;
  /** The page asked for while a guard was set, until the user answers. */
  pendingPage: Page | undefined;
  navigate(page: Page): void;
  /** The answer to "leave without saving?": go to the pending page, or stay. */
  answerLeave(leave: boolean): void;
  setLeaveGuard(message: string | undefined): void;
  toggleTheme(): void;
}

/** The playground: columns, prompt, settings and recent runs (see playground-slice.ts). */
export interface PlaygroundSlice {
  playground: PlaygroundState;
  playgroundRuns: SavedRun[];
  /** The relay's client key for the playground, once asked. */
  playgroundKey: string | undefined;
  /** Why Run all did not send: the field to fix and what is wrong. */
  playgroundProblem: { field: 'message' | 'models' | 'tools' | 'jsonSchema'; message: string } | undefined;
  /** Prices per model, for the estimate shown while an answer streams. */
  prices: Record<string, ModelPrice>;
  setPrompt(change: Partial<PlaygroundPrompt>): void;
  setPlaygroundOption(change: Partial<Pick<PlaygroundState, 'advanced' | 'syncScroll' | 'raw'>>): void;
  setColumnModel(key: number, model: string): void;
  addColumn(): void;
  removeColumn(key: number): void;
  /** Replaces the columns with these models and opens the playground. */
  openInPlayground(models: string[]): void;
  runAll(): Promise<void>;
  runColumn(key: number): Promise<void>;
  stopColumn(key: number): void;
  rerun(saved: SavedRun): void;
  setDiff(pair: [number, number] | undefined): void;
}

export type RelayState = SessionSlice & StatusSlice & RequestsSlice & UiSlice & PlaygroundSlice;
