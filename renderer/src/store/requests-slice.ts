import type { StateCreator } from 'zustand';
import { adminGet } from '../api/admin-client.js';
import type { RequestsPage } from '../api/admin-types.js';
import type { RelayState, RequestsSlice } from './relay-state.js';

/** How many of the latest requests the table shows. */
export const requestsPageSize = 100;

export const createRequestsSlice: StateCreator<RelayState, [], [], RequestsSlice> = (set, get) => ({
  requests: [],
  requestsLoaded: false,
  async loadRequests() {
    try {
      const page = await adminGet<RequestsPage>(`/admin/requests?limit=${requestsPageSize}`, get().token);
      set({ requests: page.requests, requestsLoaded: true });
      get().settle(undefined);
    } catch (error) {
      get().settle(error);
    }
  },
});
