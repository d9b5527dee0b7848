import { create } from 'zustand';
import type { RelayState } from './relay-state.js';
import { createRequestsSlice } from './requests-slice.js';
import { createSessionSlice } from './session-slice.js';
import { createStatusSlice } from './status-slice.js';
import { createUiSlice } from './ui-slice.js';

export type { RelayState } from './relay-state.js';

/** The UI's state, built from one slice per concern (zustand's slices pattern). */
export const useRelayStore = create<RelayState>()((...args) => ({
  ...createSessionSlice(...args),
  ...createStatusSlice(...args),
  ...createRequestsSlice(...args),
  ...createUiSlice(...args),
}));
