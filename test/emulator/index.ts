/** The upstream emulator: recorded provider traffic with fault injection (tests, bench, --demo). */
export { startEmulator } from './create-emulator.js';
export type { Emulator, EmulatorCall, EmulatorOptions } from './create-emulator.js';
export type { FaultSpec } from './faults.js';
export { scenarios, scenarioModels } from './scenarios.js';
export type { Scenario } from './scenarios.js';
