import { create } from 'zustand';
import type { RelayState } from './relay-state.js';
import { createRequestsSlice } from './requests-slice.js';
import { createSessionSlice } from './session-slice.js';
import { createStatusSlice } from './status-slice.js';
import { createUiSlice } from './ui-slice.js';
import { createPlaygroundSlice } from './playground-slice.js';
import { savePlayground } from '../playground/persist-playground.js';

export type { RelayState } from './relay-state.js';

/** The UI's state, built from one slice per concern (zustand's slices pattern). */
export const useRelayStore = create<RelayState>()((...args) => ({
  ...createSessionSlice(...args),
  ...createStatusSlice(...args),
  ...createRequestsSlice(...args),
  ...createUiSlice(...args),
  ...createPlaygroundSlice(...args),
}));

// the playground is saved for the next visit a moment after it changes (a stream changes it often)
let saving: ReturnType<typeof setTimeout> | undefined;
useRelayStore.subscribe((state, previous) => {
  if (state.playground === previous.playground || saving !== undefined) return;
  saving = setTimeout(() => {
    saving = undefined;
    savePlayground(useRelayStore.getState().playground);
  }, 300);
});
window.addEventListener('pagehide', () => savePlayground(useRelayStore.getState().playground));
