import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CredentialsService } from '../../apps/api/src/credentials/credentials.service';
import { buildExtension } from '../../extension/scripts/build-extension';
import { startTestStack, type TestStack } from '../e2e/support/test-stack';
import { createSelfSignedCertificate, type FakeQwenLogin, startFakeQwenLogin } from '../fakes/qwen-https';
import { consoleTestPage } from './extension-support/console-test-page';
import { type BrowserWithExtension, launchWithExtension } from './extension-support/launch-with-extension';

jest.setTimeout(120_000);

interface CredentialView {
  id: string;
  source: string;
  status: string;
  cookieNames: string[];
}

/** Polls until `check` returns a value: the extension works on its own schedule (2 s debounce). */
async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Calls `window.bridge.<method>` of the console test page (see console-test-page.ts). */
function callBridge<T>(page: Page, method: 'ping' | 'newCode' | 'pair', ...parameters: string[]): Promise<T> {
  return page.evaluate(
    ([name, values]) => (globalThis as unknown as { bridge: Record<string, (...rest: string[]) => Promise<unknown>> }).bridge[name](...values),
    [method, parameters] as const,
  ) as Promise<T>;
}

const userAgentOf = (page: Page) => page.evaluate(() => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent);

/**
 * The Chrome extension in real headless Chromium: a self-signed HTTPS fake of chat.qwen.ai
 * (mapped with --host-resolver-rules) logs the browser in; the extension, paired through the
 * console's page bridge, delivers every cookie to the control plane and keeps it current; the
 * proxy then answers with those credentials through the Qwen API fake.
 */
describe('Chrome extension (headless Chromium)', () => {
  let stack: TestStack;
  let login: FakeQwenLogin;
  let browser: BrowserWithExtension;
  let buildDirectory: string;
  let qwenPage: Page;
  let consoleUrl: string;

  const credentials = async () => (await (await stack.control('/api/credentials')).json()) as CredentialView[];
  const storedSecrets = async () => (await stack.app.app.get(CredentialsService).usable()).map((usable) => usable.credentials);

  beforeAll(async () => {
    stack = await startTestStack({ seedAccount: false });
    buildDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-extension-'));
    // The test's control plane listens on a random port: built in, as `--control-origin` does.
    await buildExtension({ outputDirectory: buildDirectory, controlOrigins: [stack.app.controlUrl], zipPath: null });
    login = await startFakeQwenLogin({ certificate: createSelfSignedCertificate('chat.qwen.ai'), account: stack.account });
    browser = await launchWithExtension(buildDirectory, { 'chat.qwen.ai': `127.0.0.1:${login.port}` });
    consoleUrl = `${stack.app.controlUrl}/__test/console`;
    await browser.context.route(consoleUrl, (route) => route.fulfill({ contentType: 'text/html', body: consoleTestPage(stack.app.adminToken) }));
  });

  afterAll(async () => {
    await browser?.close();
    await login?.close();
    await stack?.close();
    if (buildDirectory) rmSync(buildDirectory, { recursive: true, force: true });
  });

  it('captures nothing for the proxy while unpaired, and the control plane refuses unpaired callers', async () => {
    qwenPage = await browser.context.newPage();
    await qwenPage.goto('https://chat.qwen.ai/');
    await qwenPage.click('#login');
    await qwenPage.waitForSelector('text=Logged in');
    // Longer than the extension's debounce: it had every chance to deliver, and must not have.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await credentials()).toEqual([]);

    const body = JSON.stringify({ cookies: stack.account.cookies });
    const headers = { 'content-type': 'application/json' };
    const anonymous = await fetch(`${stack.app.controlUrl}/api/extension/credentials`, { method: 'POST', headers, body });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: expect.objectContaining({ code: 'extension_not_paired', type: expect.any(String) }) });
    const guessed = await fetch(`${stack.app.controlUrl}/api/extension/credentials`, {
      method: 'POST',
      headers: { ...headers, authorization: 'Bearer qpx_ext_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      body,
    });
    expect(guessed.status).toBe(401);
    // The admin token is no extension token: the scopes do not mix.
    const admin = await stack.control('/api/extension/credentials', { method: 'POST', body });
    expect(admin.status).toBe(401);
    // And from inside the extension itself, before pairing.
    const fromExtension = await browser.worker.evaluate(async (url) => {
      const response = await fetch(`${url}/api/extension/status`, { headers: { authorization: 'Bearer qpx_ext_not-a-real-token-at-all-000000' } });
      return response.status;
    }, stack.app.controlUrl);
    expect(fromExtension).toBe(401);

    const pair = (body: unknown) => fetch(`${stack.app.controlUrl}/api/extension/pair`, { method: 'POST', headers, body: JSON.stringify(body) });
    const unknown = await pair({ code: 'made-up-code' });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('pairing_code_unknown');
    expect((await pair({})).status).toBe(400);
    // Issuing codes takes the admin token.
    expect((await fetch(`${stack.app.controlUrl}/api/extension/pairings`, { method: 'POST' })).status).toBe(401);
  });

  it('pairs through the console page bridge and delivers the whole cookie jar, HttpOnly cookies included', async () => {
    const consolePage = await browser.context.newPage();
    await consolePage.goto(consoleUrl);
    expect(await callBridge(consolePage, 'ping')).toEqual({
      source: 'qwen-proxy-extension',
      type: 'pong',
      version: '0.1.0',
      paired: false,
    });

    const { code } = await callBridge<{ code: string; expiresAt: number }>(consolePage, 'newCode');
    const paired = { answer: await callBridge(consolePage, 'pair', code), code };
    expect(paired.answer).toEqual({ source: 'qwen-proxy-extension', type: 'paired', ok: true });
    expect(await callBridge(consolePage, 'ping')).toMatchObject({ paired: true });

    const stored = await eventually(async () => (await credentials()).find((credential) => credential.source === 'extension'), 'the extension to deliver');
    expect(stored.status).toBe('valid');
    expect(stored.cookieNames).toEqual(expect.arrayContaining(['token', 'acw_tc', 'ssxmod_itna', 'ssxmod_itna2', 'isg', 'cna']));
    const [secrets] = await storedSecrets();
    expect(secrets.token).toBe(stack.account.token);
    for (const [name, value] of login.issuedCookies) expect(secrets.cookies).toContain(`${name}=${value}`);
    expect(secrets.userAgent).toBe(await userAgentOf(qwenPage));

    // The code was used up by the extension.
    const replay = await fetch(`${stack.app.controlUrl}/api/extension/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: paired.code }),
    });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('pairing_code_used');

    // CORS: the paired extension's origin only, and only on the extension's endpoints.
    const preflight = (origin: string, path = '/api/extension/credentials') =>
      fetch(`${stack.app.controlUrl}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const pairedOrigin = `chrome-extension://${browser.extensionId}`;
    expect((await preflight(pairedOrigin)).headers.get('access-control-allow-origin')).toBe(pairedOrigin);
    expect((await preflight(`chrome-extension://${'a'.repeat(32)}`)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(pairedOrigin, '/api/credentials')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('https://evil.example', '/api/extension/pair')).headers.get('access-control-allow-origin')).toBeNull();

    const tokens = (await (await stack.control('/api/extension/tokens')).json()) as { extensionId: string; credentialId: string }[];
    expect(tokens).toEqual([expect.objectContaining({ extensionId: browser.extensionId, credentialId: stored.id })]);
    await consolePage.close();
  });

  it('refuses to pair with any origin but the page’s own', async () => {
    const consolePage = await browser.context.newPage();
    await consolePage.goto(consoleUrl);
    const { code } = await callBridge<{ code: string }>(consolePage, 'newCode');
    const answer = await callBridge(consolePage, 'pair', code, 'http://attacker.example');
    expect(answer).toMatchObject({ type: 'paired', ok: false });
    await consolePage.close();
  });

  it('delivers a later cookie change on its own', async () => {
    const before = login.issuedCookies.get('acw_tc');
    await qwenPage.evaluate(() => fetch('/auth/refresh-waf', { method: 'POST' }));
    const after = login.issuedCookies.get('acw_tc')!;
    expect(after).not.toBe(before);

    const stored = await eventually(async () => (await credentials()).find((credential) => credential.cookieNames.includes('x5sec')), 'the new WAF cookie');
    expect(stored.source).toBe('extension');
    expect((await credentials()).length).toBe(1);
    const [secrets] = await storedSecrets();
    expect(secrets.cookies).toContain(`acw_tc=${after}`);
    expect(secrets.cookies).not.toContain(`acw_tc=${before}`);
  });

  it('lets the proxy answer a chat request with the delivered credentials', async () => {
    const completion = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello from the extension' }] });
    expect(completion.choices[0].message.content).toContain('You said: "Hello from the extension"');
    const upstream = stack.fake.requests.filter((request) => request.path.startsWith('/api/v2/chat/completions')).at(-1)!;
    expect(upstream.outcome.status).not.toBe('rejected');
    expect(upstream.headers['user-agent']).toBe(await userAgentOf(qwenPage));
  });

  it('shows its state in the popup', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const status = popup.locator('#status');
    await status.getByText('Last sync').waitFor();
    const text = await status.innerText();
    expect(text).toContain(`reachable at ${stack.app.controlUrl}`);
    expect(text).toMatch(/Paired\s+yes/);
    expect(text).toMatch(/chat\.qwen\.ai\s+logged in/);
    expect(text).toMatch(/Last sync\s+\d+ s ago, account valid/);
    await popup.close();
  });

  it('stops delivering once the admin revokes its token, and says so in the popup', async () => {
    const [token] = (await (await stack.control('/api/extension/tokens')).json()) as { id: string }[];
    expect((await stack.control(`/api/extension/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);

    await qwenPage.evaluate(() => fetch('/auth/refresh-waf', { method: 'POST' }));
    const refusedWafValue = login.issuedCookies.get('acw_tc');
    // Past the debounce: the delivery itself runs, meets 401, and the extension forgets its token.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const popup = await browser.context.newPage();
    const text = await eventually(async () => {
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await popup.locator('#status').getByText('Last sync').waitFor();
      const shown = await popup.locator('#status').innerText();
      return /Last sync\s+refused/.test(shown) ? shown : undefined;
    }, 'the delivery to be refused');
    expect(text).toMatch(/Paired\s+no: press Connect/);
    const [secrets] = await storedSecrets();
    expect(secrets.cookies).not.toContain(`acw_tc=${refusedWafValue}`);
    await popup.close();
  });
  it("pairs again through the real admin console: Connect finds the extension, pairs it and opens chat.qwen.ai", async () => {
    // The previous test revoked the token: the extension is unpaired again.
    expect(await (await stack.control('/api/extension/tokens')).json()).toEqual([]);
    const consolePage = await browser.context.newPage();
    await consolePage.goto(`${stack.app.controlUrl}/?token=${stack.app.adminToken}`);
    await consolePage.getByText(/Extension detected/).waitFor({ timeout: 20_000 });
    const qwenTab = browser.context.waitForEvent('page', { timeout: 20_000 });
    await consolePage.getByRole('button', { name: /^(link\s*)?Connect/ }).click();
    expect((await qwenTab).url()).toContain('chat.qwen.ai');
    const tokens = await eventually(async () => {
      const listed = (await (await stack.control('/api/extension/tokens')).json()) as { extensionId: string }[];
      return listed.length ? listed : undefined;
    }, 'the console to pair the extension');
    expect(tokens).toEqual([expect.objectContaining({ extensionId: browser.extensionId })]);
    await consolePage.close();
  });
});
