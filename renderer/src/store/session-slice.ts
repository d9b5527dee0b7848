import type { StateCreator } from 'zustand';
import { AdminApiError } from '../api/admin-client.js';
import { desktopAdminToken, takeAdminToken } from '../api/admin-token.js';
import type { RelayState, SessionSlice } from './relay-state.js';

export const createSessionSlice: StateCreator<RelayState, [], [], SessionSlice> = (set, get) => ({
  token: undefined,
  access: 'checking',
  error: undefined,
  createdClientKey: undefined,
  rememberClientKey(created) {
    set({ createdClientKey: created });
  },
  async start() {
    const token = takeAdminToken() ?? (await desktopAdminToken());
    if (!token) return set({ access: 'unauthorized' });
    set({ token });
    await Promise.all([get().loadStatus(), get().loadRequests()]);
  },
  settle(outcome) {
    if (outcome === undefined) return set({ access: 'ok', error: undefined });
    if (outcome instanceof AdminApiError && outcome.status === 401) {
      return set({ access: 'unauthorized', error: undefined });
    }
    set({ error: outcome instanceof Error ? outcome.message : String(outcome) });
  },
});
