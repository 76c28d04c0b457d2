import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export interface BrowserWithExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** Debian's Chromium: Playwright cannot download its own browser on these machines. */
export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter((path): path is string => !!path);
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`No Chromium found (tried ${candidates.join(', ')}): apt-get install -y chromium, or set CHROMIUM_PATH.`);
  return found;
}

/**
 * Headless Chromium with the unpacked extension loaded (a persistent context is the only kind
 * that loads extensions), and `hostMappings` such as `chat.qwen.ai → 127.0.0.1:PORT`.
 */
export async function launchWithExtension(extensionDirectory: string, hostMappings: Record<string, string>): Promise<BrowserWithExtension> {
  const userDataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-chromium-'));
  const rules = Object.entries(hostMappings)
    .map(([host, target]) => `MAP ${host} ${target}`)
    .join(', ');
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: chromiumExecutable(),
    headless: false,
    // The fake chat.qwen.ai has a self-signed certificate.
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${rules}`,
      `--disable-extensions-except=${extensionDirectory}`,
      `--load-extension=${extensionDirectory}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDataDirectory, { recursive: true, force: true });
    },
  };
}
