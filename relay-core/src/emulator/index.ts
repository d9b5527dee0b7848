/** The upstream emulator: recorded provider traffic with fault injection (tests, bench, `relay --demo`). */
export { startEmulator } from './create-emulator.js';
export { emulatorModelIds } from './list-models.js';
export type { Emulator } from './emulator-types.js';
export type { FaultSpec } from './faults.js';
export { scenarios } from './scenarios.js';
export { loadRecording } from './load-recording.js';
export type { Recording } from './recording.js';
