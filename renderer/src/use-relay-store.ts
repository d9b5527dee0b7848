import { create } from 'zustand';
import type { StateCreator } from 'zustand';
import { AdminApiError, adminGet, takeAdminToken } from './admin-api.js';
import type { RelayStatus, RequestRow } from './admin-api.js';

interface SessionSlice {
  token: string | undefined;
  error: string | undefined;
  unauthorized: boolean;
}

interface StatusSlice {
  status: RelayStatus | undefined;
  loadStatus(): Promise<void>;
}

interface HistorySlice {
  requests: RequestRow[];
  loadRequests(): Promise<void>;
}

type RelayState = SessionSlice & StatusSlice & HistorySlice;

function failure(error: unknown): Partial<SessionSlice> {
  if (error instanceof AdminApiError && error.status === 401) return { unauthorized: true, error: undefined };
  return { error: error instanceof Error ? error.message : String(error) };
}

const createSessionSlice: StateCreator<RelayState, [], [], SessionSlice> = () => ({
  token: takeAdminToken(),
  error: undefined,
  unauthorized: false,
});

const createStatusSlice: StateCreator<RelayState, [], [], StatusSlice> = (set, get) => ({
  status: undefined,
  async loadStatus() {
    try {
      set({ status: await adminGet<RelayStatus>('/admin/status', get().token), error: undefined });
    } catch (error) {
      set(failure(error));
    }
  },
});

const createHistorySlice: StateCreator<RelayState, [], [], HistorySlice> = (set, get) => ({
  requests: [],
  async loadRequests() {
    try {
      const { requests } = await adminGet<{ requests: RequestRow[] }>(
        '/admin/requests?limit=200',
        get().token,
      );
      set({ requests, error: undefined });
    } catch (error) {
      set(failure(error));
    }
  },
});

/** The UI's state, built from slices (zustand's slices pattern). */
export const useRelayStore = create<RelayState>()((...args) => ({
  ...createSessionSlice(...args),
  ...createStatusSlice(...args),
  ...createHistorySlice(...args),
}));
