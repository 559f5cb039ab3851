/** The installed Electron binary's path, or null (see electron-binary.mjs). */
export function electronBinary(): string | null;
/** The binary's path, fetching it first when absent; null when it cannot be downloaded here. */
export function ensureElectronBinary(options?: { timeoutMs?: number }): string | null;
