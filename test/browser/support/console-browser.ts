import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Where every page's screenshot goes (uploaded by CI, looked at by people). */
export const screenshotFolder = join(__dirname, '..', '..', '..', 'test-results');

const candidates = () => [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter((path): path is string => !!path);

/** Debian's Chromium, or undefined. On CI a missing Chromium is a failure, never a skip. */
export function findChromium(): string | undefined {
  const found = candidates().find((path) => existsSync(path));
  if (!found && process.env.CI === 'true') {
    throw new Error(`CI=true but no Chromium at ${candidates().join(', ')}: install it (apt-get install -y chromium) — browser tests must not be skipped on CI.`);
  }
  return found;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newConsoleContext(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme, deviceScaleFactor: 1 });
}

/** Saves `test-results/console-<name>.png` once the page has settled. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotFolder, { recursive: true });
  const path = join(screenshotFolder, `console-${name}.png`);
  // The live event stream keeps one request open forever: wait for the page's own loading
  // indicators instead of "network idle".
  await page
    .waitForFunction(() => !(globalThis as unknown as PageGlobals).document.querySelector('mat-progress-bar, mat-progress-spinner, .typing'), undefined, { timeout: 5000 }).catch(() => undefined);
  await page.evaluate('document.fonts.ready');
  await page.waitForTimeout(150);
  // The console scrolls inside its sidenav content, not the document: grow the viewport to the
  // content's height for a whole-page picture, then put it back.
  const viewport = page.viewportSize() ?? { width: 1366, height: 900 };
  const contentHeight = Number(await page.evaluate("(document.querySelector('mat-sidenav-content') ?? document.documentElement).scrollHeight"));
  const height = Math.min(4000, Math.max(viewport.height, contentHeight));
  if (height !== viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path, fullPage: true });
  if (height !== viewport.height) await page.setViewportSize(viewport);
  return path;
}

/** Collects console errors and failed requests, so a test can assert the page stayed clean. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** The page's globals for functions Playwright runs in the browser (the root tsconfig has no DOM types). */
interface PageGlobals {
  document: { querySelector(selector: string): unknown };
}
