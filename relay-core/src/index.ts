/** The public entry of relay-core: what Electron main and tests import. */
export { startRelay } from './start-relay.js';
export type { RelayHandle, StartRelayOptions } from './relay-handle.js';
export { RelayError } from './canonical/errors.js';
export type { RelayErrorCode } from './canonical/errors.js';
export type * from './canonical/types.js';
