import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './create-preload-api.js';

contextBridge.exposeInMainWorld(
  'switchboard',
  createPreloadApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
