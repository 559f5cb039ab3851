import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import type { ElectronApis } from '../app-context.js';

/**
 * Small fakes of Electron's own API (never of our modules), enough for the shell to run in
 * Node: they record what the shell asked of Electron, and let a test play Electron's part.
 */

type Listener = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  printed: unknown[] = [];
  printers = [{ name: 'office', displayName: 'Office printer', description: '', options: {} }];
  printResult: [boolean, string] = [true, ''];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  async getPrintersAsync() {
    return this.printers;
  }
  print(options: unknown, callback: (success: boolean, reason: string) => void) {
    this.printed.push(options);
    callback(...this.printResult);
  }
  async printToPDF(options: unknown) {
    this.printed.push(options);
    return Buffer.from('%PDF-1.7 fake');
  }
  /** Emits like Electron: returns whether a listener called event.preventDefault(). */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static fromWebContents(contents: unknown) {
    return FakeBrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }
  webContents = new FakeWebContents();
  loadedUrl = '';
  shown = false;
  maximized = false;
  minimized = false;
  focused = false;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    const { x = 0, y = 0, width = 800, height = 600 } = options as Record<string, number>;
    this.bounds = { x, y, width, height };
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  show = () => (this.shown = true);
  maximize = () => (this.maximized = true);
  isMaximized = () => this.maximized;
  isMinimized = () => this.minimized;
  restore = () => (this.minimized = false);
  focus = () => (this.focused = true);
  getNormalBounds = () => this.bounds;
}

export class FakeApp extends EventEmitter {
  paths: Record<string, string>;
  sandboxed = false;
  quitting = false;
  hasLock = true;
  isPackaged = false;
  constructor(dir: string) {
    super();
    this.paths = { userData: `${dir}/user-data`, documents: `${dir}/documents` };
  }
  setPath = (name: string, path: string) => void (this.paths[name] = path);
  getPath = (name: string) => this.paths[name] ?? '';
  getVersion = () => '1.2.3';
  enableSandbox = () => void (this.sandboxed = true);
  requestSingleInstanceLock = () => this.hasLock;
  quit = () => void (this.quitting = true);
  /** Chromium's command line: switches appended, and those already there when the app became ready. */
  commandLine = {
    switches: new Map<string, string>(),
    appendSwitch: (name: string, value = '') => void this.commandLine.switches.set(name, value),
  };
  switchesAtReady: Map<string, string> | null = null;
  whenReady = async () => void (this.switchesAtReady = new Map(this.commandLine.switches));
}

/** electron-updater's autoUpdater, played by the test: it records the feed and what was asked of it. */
export class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feed: unknown = null;
  checks = 0;
  installs: [boolean | undefined, boolean | undefined][] = [];
  /** What a check does (emit events); by default: nothing newer. */
  onCheck: (updater: FakeUpdater) => Promise<void> | void = (u) => {
    u.emit('checking-for-update');
    u.emit('update-not-available', { version: '1.2.3' });
  };
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  async checkForUpdates() {
    this.checks++;
    await this.onCheck(this);
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

export function fakeElectron(dir: string) {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const app = new FakeApp(dir);
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: `${dir}/saved.pdf` })),
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
    },
    ipcMain: { handle: (channel: string, handler: Listener) => void handlers.set(channel, handler as never) },
    Menu: {
      menus: [] as MenuItemConstructorOptions[][],
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu(menu: MenuItemConstructorOptions[]) {
        this.menus.push(menu);
      },
    },
    protocol: {
      privileged: [] as unknown[],
      handler: null as ((request: Request) => Promise<Response>) | null,
      registerSchemesAsPrivileged(schemes: unknown[]) {
        this.privileged.push(...schemes);
      },
      handle(_scheme: string, handler: (request: Request) => Promise<Response>) {
        this.handler = handler;
      },
    },
    safeStorage: fakeSafeStorage(),
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    session: { defaultSession: fakeSession() },
    shell: { openExternal: vi.fn(async () => undefined) },
    autoUpdater: new FakeUpdater(),
  };
  /** Calls an IPC channel as a page at senderUrl would (top frame unless told otherwise), as `ipcRenderer.invoke` does. */
  const invokeFrom =
    (senderUrl: string, topFrame = true) =>
    async (channel: string, ...args: unknown[]) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      const win = FakeBrowserWindow.instances.at(-1);
      const senderFrame = { url: senderUrl, parent: topFrame ? null : {} };
      return handler({ sender: win?.webContents, senderFrame } as unknown as IpcMainInvokeEvent, ...args);
    };
  /** Calls an IPC channel as the app's own page. */
  const invoke = invokeFrom('app://desk/index.html');
  return { electron, apis: electron as unknown as ElectronApis, app, handlers, invoke, invokeFrom };
}

/** Reversible, visibly not plain text: enough to tell stored-encrypted from stored-plain. */
export function fakeSafeStorage(available = true) {
  return {
    setUsePlainTextEncryption: vi.fn(),
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`)),
    decryptStringAsync: vi.fn(async (data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage');
      return { result: Buffer.from(text.slice(4), 'base64').toString(), shouldReEncrypt: false };
    }),
  };
}

export function fakeSession() {
  return {
    requestHandler: null as null | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
    checkHandler: null as null | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(handler: NonNullable<typeof this.requestHandler>) {
      this.requestHandler = handler;
    },
    setPermissionCheckHandler(handler: NonNullable<typeof this.checkHandler>) {
      this.checkHandler = handler;
    },
  };
}
