import { shellAnswer, shellCacheName, staleShellCaches, type ShellManifest } from './shell-policy.js';

const scope = 'http://desk.example:8080/';
const manifest: ShellManifest = {
  build: 'b2',
  files: ['assets/index-AbC.js', 'assets/theme-DeF.css', 'assets/DejaVuSans-GhI.ttf', 'index.html'],
};
const get = (path: string, mode = 'cors') => ({ url: new URL(path, scope).href, method: 'GET', mode });

describe('the shell worker policy', () => {
  it("answers the desk's page network first, and this build's files from the cache", () => {
    expect(shellAnswer(get('/', 'navigate'), scope, manifest)).toBe('page');
    expect(shellAnswer(get('/index.html', 'navigate'), scope, manifest)).toBe('page');
    expect(shellAnswer(get('/?lang=kk', 'navigate'), scope, manifest)).toBe('page');
    expect(shellAnswer(get('/assets/index-AbC.js'), scope, manifest)).toBe('file');
    expect(shellAnswer(get('/assets/DejaVuSans-GhI.ttf', 'no-cors'), scope, manifest)).toBe('file');
  });

  it('leaves the API, the replication, the stream, other pages, other builds and other sites to the network', () => {
    for (const path of [
      '/api/replication/v1/groups/pull?limit=200',
      '/api/replication/v1/stream',
      '/api/auth/login',
      '/assets/index-Old.js',
      '/assets/console-XyZ.js',
      '/sw.js',
      '/updates/latest.yml',
      '/parent/app.js',
      '/index.html',
    ]) {
      expect(shellAnswer(get(path), scope, manifest), path).toBe('pass');
    }
    for (const path of ['/console/', '/parent/', '/groups/deep/link', '/api/health']) {
      expect(shellAnswer(get(path, 'navigate'), scope, manifest), path).toBe('pass');
    }
    expect(shellAnswer({ ...get('/assets/index-AbC.js'), method: 'POST' }, scope, manifest)).toBe('pass');
    expect(shellAnswer(get('http://elsewhere.example/assets/index-AbC.js'), scope, manifest)).toBe('pass');
    expect(shellAnswer(get('http://desk.example:9090/', 'navigate'), scope, manifest)).toBe('pass');
  });

  it('keeps a scope below the root to its own paths', () => {
    const sub = 'http://desk.example/kg/';
    expect(shellAnswer({ url: 'http://desk.example/kg/', method: 'GET', mode: 'navigate' }, sub, manifest)).toBe(
      'page',
    );
    expect(
      shellAnswer({ url: 'http://desk.example/kg/assets/index-AbC.js', method: 'GET', mode: 'cors' }, sub, manifest),
    ).toBe('file');
    expect(
      shellAnswer({ url: 'http://desk.example/assets/index-AbC.js', method: 'GET', mode: 'cors' }, sub, manifest),
    ).toBe('pass');
  });

  it('deletes every other build’s shell on activation and nothing that is not a shell', () => {
    expect(shellCacheName('b2')).toBe('desk-shell-b2');
    expect(staleShellCaches(['desk-shell-b1', 'desk-shell-b2', 'desk-shell-b0', 'other-cache'], 'b2')).toEqual([
      'desk-shell-b1',
      'desk-shell-b0',
    ]);
    expect(staleShellCaches(['desk-shell-b2'], 'b2')).toEqual([]);
  });
});
