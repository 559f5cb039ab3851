import { ipcChannels, type HostApi } from '../../shared/host-api.js';

const invoke = vi.fn(async (..._args: unknown[]) => 'answer');
const exposed = new Map<string, unknown>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args) },
}));

describe('the preload', () => {
  let api: HostApi;
  beforeAll(async () => {
    vi.stubGlobal('document', { readyState: 'loading', addEventListener: () => undefined });
    vi.stubGlobal('MutationObserver', class {});
    await import('./index.js');
    api = exposed.get('hostApi') as HostApi;
  });
  afterAll(() => vi.unstubAllGlobals());
  beforeEach(() => invoke.mockClear());

  it('exposes the HostApi as window.hostApi, and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['hostApi']);
    expect(Object.keys(api).sort()).toEqual(
      [
        'appInfo',
        'checkForUpdates',
        'installUpdate',
        'kind',
        'listPrinters',
        'print',
        'printToPdf',
        'saveFile',
        'setUiLanguage',
        'vault',
      ].sort(),
    );
    expect(api.kind).toBe('electron');
  });

  it('sends each method over its own channel, with the payload the main process validates', async () => {
    await api.appInfo();
    await api.vault.get('session');
    await api.vault.set('session', 'token');
    await api.vault.delete('session');
    await api.listPrinters();
    await api.print({ deviceName: 'office', copies: 2 });
    await api.printToPdf({ suggestedName: 'groups.pdf' });
    await api.saveFile({ suggestedName: 'a.csv', mimeType: 'text/csv', data: 'a;b' });
    await api.setUiLanguage('kk');
    await api.checkForUpdates();
    await api.installUpdate();
    expect(invoke.mock.calls).toEqual([
      [ipcChannels.appInfo],
      [ipcChannels.vaultGet, 'session'],
      [ipcChannels.vaultSet, 'session', 'token'],
      [ipcChannels.vaultDelete, 'session'],
      [ipcChannels.listPrinters],
      [ipcChannels.print, { deviceName: 'office', copies: 2 }],
      [ipcChannels.printToPdf, { suggestedName: 'groups.pdf' }],
      [ipcChannels.saveFile, { suggestedName: 'a.csv', mimeType: 'text/csv', data: 'a;b' }],
      [ipcChannels.setUiLanguage, 'kk'],
      [ipcChannels.checkForUpdates],
      [ipcChannels.installUpdate],
    ]);
  });
});
