import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerAppScheme, rendererResponse, serveRenderer } from './protocol.js';

const CSP = "default-src 'self'";

describe('the app:// protocol', () => {
  let dir: string;
  let rendererDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kg-protocol-'));
    rendererDir = join(dir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'not for the page');
  });

  it('is registered as a standard, secure scheme so the page has a stable origin', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the page with the content security policy', async () => {
    const response = await rendererResponse(rendererDir, 'app://desk/', CSP);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>desk</title>');
  });

  it('serves the built assets with their types, and the page for an app path without extension', async () => {
    const script = await rendererResponse(rendererDir, 'app://desk/assets/app.js', CSP);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CSP);
    expect(await (await rendererResponse(rendererDir, 'app://desk/groups', CSP)).text()).toContain('desk');
    expect((await rendererResponse(rendererDir, 'app://desk/missing.js', CSP)).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://desk/%2e%2e/secret.txt', 'app://desk/..%2fsecret.txt', 'app://desk/../secret.txt']) {
      const response = await rendererResponse(rendererDir, url, CSP);
      expect(response.status, url).not.toBe(200);
      expect(await response.text()).not.toContain('not for the page');
    }
    expect((await rendererResponse(rendererDir, 'app://desk/%E0%A4%A', CSP)).status).toBe(400);
  });

  it('answers only for the app’s own host', async () => {
    expect((await rendererResponse(rendererDir, 'app://elsewhere/index.html', CSP)).status).toBe(404);
  });

  it('handles the scheme through protocol.handle', async () => {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    serveRenderer({ handle: (_scheme, fn) => (handler = fn as never) }, rendererDir, CSP);
    const response = await handler?.(new Request('app://desk/index.html'));
    expect(response?.headers.get('content-security-policy')).toBe(CSP);
  });
});
