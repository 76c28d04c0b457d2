import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type TestStack, startTestStack } from '../e2e/support/test-stack';
import { findChromium, launchChromium, screenshotFolder, watchProblems } from './support/console-browser';

/*
 * The Accounts page's lifetime chips (D2, D11) and the Diagnose dialog (the upstream doctor),
 * in Chromium at 1440 px against the fake.
 */
jest.setTimeout(60_000);

const executable = findChromium();
const describeWithChromium = executable ? describe : describe.skip;

describeWithChromium('Accounts: expiry chip, stale headers, Diagnose', () => {
  let stack: TestStack;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack({ seedAccount: false, environment: { QWEN_BX_UA_MAX_AGE_MS: '0' } });
    const account = stack.fake.issueAccount({ expiresInSeconds: 12 * 60 + 20, label: 'Work account' });
    const saved = await stack.control('/api/credentials', {
      method: 'POST',
      body: JSON.stringify({ token: account.token, cookies: account.cookies, label: 'Work account', bxUa: '231!pasted-fingerprint', bxUmidtoken: 'T2gA-pasted-umid' }),
    });
    expect(saved.status).toBe(201);
    token = account.token;
    browser = await launchChromium(executable!);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows "expires in 12 min", the stale bx-ua, and the doctor steps with a Copy button, without secrets', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${stack.app.controlUrl}/accounts?token=${encodeURIComponent(stack.app.adminToken)}`);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();

    await expect(page.getByTestId('expiry-chip').textContent()).resolves.toMatch(/expires in 1[23] min/);
    await expect(page.getByTestId('stale-headers').textContent()).resolves.toMatch(/bx-ua is too old and no longer sent/);

    await page.screenshot({ path: join(screenshotFolder, 'console-accounts-expiry.png') });
    await page.getByTestId('diagnose').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('diagnosis-verdict').waitFor();
    await expect(dialog.getByTestId('diagnosis-verdict').textContent()).resolves.toMatch(/Every step passed/);
    for (const step of ['homepage and front-end version', 'token check', 'model list', 'new chat', 'one-word completion', 'stop', 'delete the chat']) {
      await dialog.getByText(step, { exact: false }).first().waitFor();
    }
    await dialog.getByText('one-word completion', { exact: false }).first().click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotFolder, 'console-account-diagnosis.png') });

    await dialog.getByRole('button', { name: 'Copy the report' }).click();
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toMatch(/Qwen upstream doctor/);
    const html = await page.content();
    for (const text of [html, copied]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('231!pasted-fingerprint');
      expect(text).not.toContain('T2gA-pasted-umid');
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
