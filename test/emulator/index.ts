/** The upstream emulator: recorded provider traffic with fault injection (tests, bench, `relay --demo`). */
export { startEmulator } from './create-emulator.js';
export type { Emulator, EmulatorCall, EmulatorOptions } from './emulator-types.js';
export type { FaultSpec } from './faults.js';
export { scenarios, scenarioModels, pickScenario } from './scenarios.js';
export type { Scenario, ScenarioPick, RequestShape } from './scenarios.js';
export { loadRecording } from './load-recording.js';
export type { Recording } from './recording.js';
