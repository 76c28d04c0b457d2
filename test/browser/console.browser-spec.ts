import type { Browser, Page } from 'playwright-core';
import { type TestStack, startTestStack } from '../e2e/support/test-stack';
import { findChromium, launchChromium, newConsoleContext, screenshot, watchProblems } from './support/console-browser';

/**
 * The admin console, built by `ng build`, served by the real control plane, in Debian's headless
 * Chromium, against the fake chat.qwen.ai: the flows a person goes through on a first day.
 */
jest.setTimeout(60_000);

const executable = findChromium();
const describeWithChromium = executable ? describe : describe.skip;

describeWithChromium('admin console in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  const url = (path = '/') => `${stack.app.controlUrl}${path}`;
  const nav = async (label: string) => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: label, exact: true }).click();
  };

  beforeAll(async () => {
    // A little delay between chunks so the stream is visible in the playground.
    stack = await startTestStack({ seedAccount: false, fakeOptions: { chunkIntervalMs: 25 } });
    browser = await launchChromium(executable!);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in with the pasted admin token, kept for the session only', async () => {
    const context = await newConsoleContext(browser);
    page = await context.newPage();
    problems = watchProblems(page);
    await page.goto(url('/'));
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('heading', { name: 'Qwen Proxy' }).waitFor();
    await screenshot(page, 'sign-in');

    await page.getByTestId('token-input').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();

    await page.getByTestId('token-input').fill(stack.app.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('qwen-proxy.admin-token')")).toBe(stack.app.adminToken);
    expect(await page.evaluate("localStorage.getItem('qwen-proxy.admin-token')")).toBeNull();
  });

  it('takes the token from the printed URL once and removes it from the address bar', async () => {
    const context = await newConsoleContext(browser);
    const other = await context.newPage();
    await other.goto(url(`/?token=${encodeURIComponent(stack.app.adminToken)}`));
    await other.getByRole('heading', { name: 'Home' }).waitFor();
    expect(other.url()).not.toContain('token=');
    await context.close();
  });

  it('adds an account by paste and the Home turns green', async () => {
    await page.getByTestId('credentials-headline').filter({ hasText: 'No Qwen account connected' }).waitFor();
    await page.getByTestId('extension-state').filter({ hasText: 'Extension not detected' }).waitFor();
    await screenshot(page, 'home-empty');
    // A token-only paste is warned about while pasting; the whole jar clears the warning.
    await page.getByTestId('cookies-input').fill(`token=${stack.account.token}`);
    await page.getByTestId('missing-cookies').filter({ hasText: 'acw_tc, ssxmod_itna' }).waitFor();
    await screenshot(page, 'home-token-only-paste');
    await page.getByTestId('cookies-input').fill(stack.account.cookies);
    await page.getByTestId('missing-cookies').waitFor({ state: 'detached' });
    await page.getByTestId('label-input').fill('Work account');
    await page.getByTestId('add-account').click();
    await page.getByTestId('credentials-headline').filter({ hasText: 'Account valid' }).waitFor();
    await page.getByTestId('credentials-tile').filter({ hasText: 'Work account' }).waitFor();
    await page.getByTestId('endpoint-url').filter({ hasText: stack.app.proxyUrl }).waitFor();
  });

  it('stops and starts the proxy, live', async () => {
    await page.getByTestId('stop').click();
    await page.getByTestId('proxy-headline').filter({ hasText: 'Stopped' }).waitFor();
    await page.getByText('Proxy stopped', { exact: true }).waitFor();
    await expect(fetch(`${stack.app.proxyUrl}/v1/models`)).rejects.toThrow();
    await page.getByTestId('start').click();
    await page.getByTestId('proxy-headline').filter({ hasText: 'Running' }).waitFor();
    await page.getByTestId('endpoint-url').filter({ hasText: stack.app.proxyUrl }).waitFor();
    expect((await stack.proxy('/v1/models')).status).toBe(200);
    await screenshot(page, 'home');
  });

  it('sends a playground message and watches it stream', async () => {
    await nav('Playground');
    await page.getByRole('heading', { name: 'Playground' }).waitFor();
    await page.getByTestId('message-input').fill('Hello from the console');
    await page.getByTestId('send').click();
    // While streaming: part of the answer is there and the turn is still marked as streaming.
    await page.locator('.message.assistant[data-streaming="true"] [data-testid="assistant-content"]').waitFor({ timeout: 15_000 });
    const partial = await page.getByTestId('assistant-content').first().innerText();
    await page.locator('.message.assistant[data-streaming="false"]').waitFor({ timeout: 30_000 });
    const final = await page.getByTestId('assistant-content').first().innerText();
    expect(final).toContain('You said: "Hello from the console"');
    expect(final.length).toBeGreaterThan(partial.length);
    await page.getByRole('link', { name: 'view request' }).waitFor();
    await screenshot(page, 'playground');
  });

  it('finds the message in the request log and opens its detail', async () => {
    await nav('Requests');
    const row = page.getByTestId('requests-table').getByRole('link').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('qwen');
    // Providers by name, the id in the tooltip.
    await page.getByTestId('requests-table').getByRole('cell', { name: 'Qwen (web accounts)' }).first().waitFor();
    await screenshot(page, 'requests');
    await row.click();
    await page.getByTestId('request-facts').waitFor();
    await page.getByTestId('request-facts').filter({ hasText: 'Time to first token' }).waitFor();
    await screenshot(page, 'request-detail');
  });

  it('sees the usage chart change when a request completes', async () => {
    await nav('Usage');
    const requests = page.getByTestId('usage-requests');
    await requests.waitFor();
    const before = Number((await requests.innerText()).replace(/\D/g, ''));
    expect(before).toBeGreaterThanOrEqual(1);
    await page.getByTestId('chart-model').locator('canvas').waitFor();
    await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'count me' }] });
    await page.waitForFunction(
      (expected) => {
        // Inlined: Playwright serialises this function alone into the page.
        const doc = (globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } }).document;
        return Number(doc.querySelector('[data-testid="usage-requests"]')?.textContent?.replace(/\D/g, '')) >= expected;
      },
      before + 1,
      { timeout: 15_000 },
    );
    await screenshot(page, 'usage');
  });

  it('adds a second account on the Accounts page, and the emptied form does not turn red', async () => {
    await nav('Accounts');
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    await page.getByTestId('cookies-input').fill(stack.fake.issueAccount().cookies);
    await page.getByTestId('label-input').fill('Second account');
    await page.getByTestId('add-account').click();
    await page.getByTestId('accounts-table').getByText('Second account').waitFor();
    expect(await page.getByTestId('cookies-input').inputValue()).toBe('');
    expect(await page.locator('qp-add-account-form .mat-form-field-invalid, qp-add-account-form mat-error').count()).toBe(0);
  });

  it('shows every other page', async () => {
    for (const [label, name, heading] of [
      ['Accounts', 'accounts', 'Accounts'],
      ['Providers', 'providers', 'Providers'],
      ['Models', 'models', 'Models'],
      ['Sessions', 'sessions', 'Sessions'],
      ['API guide', 'api-guide', 'API guide'],
      ['Settings', 'settings', 'Settings'],
    ] as const) {
      await nav(label);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await screenshot(page, name);
    }
    await page.getByRole('heading', { name: 'API keys' }).or(page.getByText('API keys', { exact: true })).first().waitFor();
    // LOG_BODIES defaults to true and nobody changed it: the privacy toggle must say bodies are kept.
    expect(await page.getByTestId('log-bodies').getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await nav('Sessions');
    // Found by a word of the conversation, and shown with its words.
    await page.getByTestId('session-search').fill('hello FROM the console');
    await page.getByTestId('session-search').press('Enter');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }).document.querySelectorAll('tr.clickable').length === 1);
    const session = page.locator('tr.clickable').first();
    await session.click();
    await page.getByText('Turn 1', { exact: true }).waitFor();
    await page.getByTestId('turn-text').filter({ hasText: 'Hello from the console' }).filter({ hasText: 'You said' }).waitFor();
    await screenshot(page, 'session-detail');
    await nav('Models');
    await page.getByTestId('model-search').fill('qwen3-max');
    await page.getByRole('cell', { name: 'qwen3-max' }).first().waitFor();
  });

  it('says whether /v1 needs keys, creates one without turning the form red, deletes it, and goes back to open mode on purpose', async () => {
    await nav('Home');
    await page.getByTestId('access-mode').filter({ hasText: 'Open mode' }).waitFor();
    await nav('Settings');
    const access = page.getByTestId('access-mode');
    await access.filter({ hasText: 'Open mode' }).waitFor();
    await page.getByTestId('key-name').fill('browser key');
    await page.getByTestId('create-key').click();
    await page.getByTestId('created-key').waitFor();
    await access.filter({ hasText: 'API keys are required' }).waitFor();
    // The emptied form after a success is not an error.
    expect(await page.locator('form.create .mat-form-field-invalid').count()).toBe(0);
    await screenshot(page, 'settings-keys-required');
    await page.getByRole('button', { name: 'Revoke browser key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByTestId('delete-key').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No keys yet.').waitFor();
    // No key left, still closed: only the switch reopens /v1.
    await access.filter({ hasText: 'No key is active' }).waitFor();
    expect((await fetch(`${stack.app.proxyUrl}/v1/models`, { headers: { authorization: 'Bearer anything' } })).status).toBe(401);
    await page.getByTestId('require-api-keys').getByRole('switch').click();
    await access.filter({ hasText: 'Open mode (requireApiKeys is off)' }).waitFor();
    expect((await fetch(`${stack.app.proxyUrl}/v1/models`, { headers: { authorization: 'Bearer anything' } })).status).toBe(200);
    await nav('API guide');
    await page.getByTestId('access-mode').filter({ hasText: 'Open mode' }).waitFor();
  });

  it('renders in the dark theme', async () => {
    await nav('Settings');
    await page.getByTestId('theme-toggle').getByRole('radio', { name: /Dark/ }).click();
    // The class follows on the next change detection: wait for it rather than race it.
    await page.waitForFunction("document.documentElement.classList.contains('dark')");
    await nav('Home');
    await page.getByTestId('credentials-headline').waitFor();
    await screenshot(page, 'home-dark');
    await nav('Usage');
    await page.getByTestId('chart-model').locator('canvas').waitFor();
    // Tick labels and legends must be light on the dark surface (they were near-black).
    const textColor = await page.getByTestId('chart-model').getAttribute('data-text-color');
    const [red, green, blue] = (textColor ?? '').match(/\d+/g)!.map(Number);
    expect(0.2126 * red! + 0.7152 * green! + 0.0722 * blue!).toBeGreaterThan(150);
    await screenshot(page, 'usage-dark');
    await nav('Playground');
    await screenshot(page, 'playground-dark');
  });

  it('shows the changed pages at 1440 and 390 px wide', async () => {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [label, name] of [
        ['Home', 'home'],
        ['Accounts', 'accounts'],
        ['Sessions', 'sessions'],
        ['Requests', 'requests'],
        ['Usage', 'usage'],
        ['Models', 'models'],
        ['API guide', 'api-guide'],
        ['Settings', 'settings'],
      ] as const) {
        if (width < 600) {
          // The side navigation is a drawer on a phone.
          await page.getByRole('button', { name: /menu|navigation/i }).first().click();
        }
        await nav(label);
        await page.getByRole('heading', { name: label === 'Home' ? 'Home' : label, exact: true }).waitFor();
        await screenshot(page, `${name}-${width}`);
        if (name === 'accounts') {
          // Row actions stay on screen even where the table scrolls sideways.
          const box = await page.getByRole('button', { name: /^Test / }).first().boundingBox();
          expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        }
      }
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('left no errors in the page', () => {
    // The wrong-token attempt is expected to log a 401.
    // Known, reported to the lead: the control plane's CSP lists 'http://[::1]:*', which Chromium rejects.
    expect(problems.filter((problem) => !/401|Unauthorized|\[::1\]/.test(problem))).toEqual([]);
  });
});
