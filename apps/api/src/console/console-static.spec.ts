import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { consoleStatic, isConsoleRoute } from './console-static';

describe(consoleStatic.name, () => {
  let folder: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base: string;

  const start = (root: string) =>
    new Promise<void>((resolve) => {
      const app = express();
      app.get('/api/known', (_request, response) => {
        response.json({ ok: true });
      });
      app.use(consoleStatic(root));
      app.use((_request, response) => {
        response.status(404).json({ error: { message: 'not found' } });
      });
      server = app.listen(0, '127.0.0.1', () => {
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      });
    });

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'console-static-'));
  });
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html for client routes, and leaves reserved paths alone', async () => {
    writeFileSync(join(folder, 'index.html'), '<html>console</html>');
    writeFileSync(join(folder, 'main-ABCDEFGH.js'), 'console.log(1)');
    await start(folder);
    expect(await (await fetch(`${base}/`, { headers: { accept: 'text/html' } })).text()).toContain('console');
    expect(await (await fetch(`${base}/requests/abc`, { headers: { accept: 'text/html' } })).text()).toContain('console');
    const asset = await fetch(`${base}/main-ABCDEFGH.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/api/unknown`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect(await (await fetch(`${base}/api/known`)).json()).toEqual({ ok: true });
  });

  it('explains how to build when there is no build', async () => {
    await start(join(folder, 'nothing-here'));
    const response = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:admin');
  });

  it('knows which paths belong to the console', () => {
    expect(isConsoleRoute('/')).toBe(true);
    expect(isConsoleRoute('/requests')).toBe(true);
    expect(isConsoleRoute('/api/settings')).toBe(false);
    expect(isConsoleRoute('/docs')).toBe(false);
    expect(isConsoleRoute('/v1/models')).toBe(false);
    expect(isConsoleRoute('/health')).toBe(false);
  });
});
