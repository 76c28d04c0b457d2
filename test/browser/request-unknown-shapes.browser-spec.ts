import type { Browser } from 'playwright-core';
import { type TestStack, startTestStack } from '../e2e/support/test-stack';
import { findChromium, launchChromium, screenshot, watchProblems } from './support/console-browser';

/**
 * "Qwen sent something new": a frame the parser does not know, on the request detail page, with
 * its redacted bytes (libs/qwen/README.md, "Stream parsing and error classification (late 2026)").
 */
jest.setTimeout(60_000);

const executable = findChromium();
const describeWithChromium = executable ? describe : describe.skip;

describeWithChromium('request detail: unknown upstream shapes', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows what Qwen sent that the parser did not know, at 1440 px', async () => {
    stack.fake.script({ kind: 'novel-frame', frame: { 'response.hologram': { level: 3, note: 'written by someone@example.com' } }, text: 'Still answered.' });
    const { response } = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] }).withResponse();
    const requestId = response.headers.get('x-request-id')!;
    await stack.flushRecords();

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${stack.app.controlUrl}/?token=${encodeURIComponent(stack.app.adminToken)}`);
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await page.goto(`${stack.app.controlUrl}/requests/${requestId}`);
    const card = page.getByTestId('unknown-shapes');
    await card.getByText('Qwen sent something new').waitFor();
    await card.getByText('Unknown frame').waitFor();
    expect(await card.textContent()).toContain('response.hologram');
    expect(await card.textContent()).toContain('"level":3');
    expect(await card.textContent()).not.toContain('someone@example.com');
    await screenshot(page, 'request-detail-unknown-shapes');
    expect(problems).toEqual([]);
    await context.close();
  });
});
