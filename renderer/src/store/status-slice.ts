import type { StateCreator } from 'zustand';
import { adminGet } from '../api/admin-client.js';
import type { RelayStatus } from '../api/admin-types.js';
import type { RelayState, StatusSlice } from './relay-state.js';

export const createStatusSlice: StateCreator<RelayState, [], [], StatusSlice> = (set, get) => ({
  status: undefined,
  async loadStatus() {
    try {
      set({ status: await adminGet<RelayStatus>('/admin/status', get().token) });
      get().settle(undefined);
    } catch (error) {
      get().settle(error);
    }
  },
});
