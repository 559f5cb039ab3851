import type { HostApi } from '../../../shared/host-api.js';
import { createBrowserHost } from './browser-host.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge. */
    hostApi?: HostApi;
  }
}

/** The Electron preload's HostApi when present, else the browser one. */
export function detectHost(): HostApi {
  return window.hostApi ?? createBrowserHost();
}
