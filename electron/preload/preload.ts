/**
 * Preload of the app window. It runs sandboxed, so it is bundled to one CommonJS file
 * (scripts/start-desktop.mjs) and may import nothing but 'electron' at run time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './create-preload-api.js';
import type { Invoke } from './create-preload-api.js';

const invoke: Invoke = (channel, ...args) => ipcRenderer.invoke(channel, ...args);

contextBridge.exposeInMainWorld('switchboard', createPreloadApi(invoke));
