import type { Browser, Page } from 'playwright-core';
import { type TestStack, startTestStack } from '../e2e/support/test-stack';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, launchChromium, screenshotFolder, watchProblems } from './support/console-browser';

/**
 * Swagger UI at /docs in Debian's Chromium: authorize as a person would, press Try it out and
 * Execute on a chat completion (served by the proxy port, not the page's own) and on an admin
 * endpoint, and read what the response panel shows.
 */
jest.setTimeout(60_000);

const executable = findChromium();
const describeWithChromium = executable ? describe : describe.skip;

describeWithChromium('Swagger UI in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium(executable!);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    problems = watchProblems(page);
    mkdirSync(screenshotFolder, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const operation = (method: string, path: string) => page.locator(`.opblock.opblock-${method}`).filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });

  async function execute(method: string, path: string): Promise<{ status: string; body: string }> {
    const block = operation(method, path);
    await block.locator('.opblock-summary').click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    await block.getByRole('button', { name: 'Execute' }).click();
    const status = block.locator('.responses-wrapper .live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    const body = await block.locator('.responses-wrapper .live-responses-table tbody .response-col_description pre').first().innerText();
    return { status: (await status.innerText()).trim(), body };
  }

  it('authorizes with the admin token and an API key, separately', async () => {
    await page.goto(`${stack.app.controlUrl}/docs`);
    await page.locator('.swagger-ui .information-container').waitFor();
    await page.getByRole('button', { name: /Authorize/ }).first().click();
    const dialog = page.locator('.dialog-ux');
    const scheme = (name: string) => dialog.locator('form').filter({ has: page.locator('h4 code', { hasText: new RegExp(`^${name}$`) }) });
    for (const [name, value] of [['admin-token', stack.app.adminToken], ['api-key', 'anything']] as const) {
      await scheme(name).locator('input').fill(value);
      await scheme(name).locator('button.authorize').click();
      await scheme(name).locator('h6', { hasText: 'Authorized' }).waitFor();
    }
    await page.locator('.dialog-ux .modal-ux').screenshot({ path: join(screenshotFolder, 'swagger-authorize.png') });
    await dialog.locator('button.close-modal').click();
  });

  it('runs a chat completion from the page, on the proxy port', async () => {
    const { status, body } = await execute('post', '/v1/chat/completions');
    expect(status).toBe('200');
    expect(body).toContain('You said');
    // The request went to the proxy port named in the operation's servers, not to the page's.
    expect(await operation('post', '/v1/chat/completions').locator('.request-url pre').innerText()).toContain(`${stack.app.proxyUrl}/v1/chat/completions`);
    // The operation alone: the whole page is several screens of schemas.
    await operation('post', '/v1/chat/completions').screenshot({ path: join(screenshotFolder, 'swagger-chat-completion.png') });
  });

  it('runs an admin endpoint from the page, with the admin token', async () => {
    const { status, body } = await execute('get', '/api/settings');
    expect(status).toBe('200');
    expect(JSON.parse(body)).toMatchObject({ retentionDays: 30 });
  });

  it('left no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
