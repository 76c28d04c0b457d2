import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeQwen, startFakeQwen } from '../fakes/qwen';
import { type AppProcess, appProcessEnvironment, killIfRunning, startAppProcess } from './support/app-process';

/**
 * Ctrl+C or a service manager's SIGTERM: a stream already under way finishes, then the process
 * exits cleanly (code 0, no error trace), so scripts and supervisors see a normal stop.
 */
describe('graceful stop on SIGTERM', () => {
  let fake: FakeQwen;
  let dataDirectory: string;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    // Slow chunks keep the answer streaming while the signal arrives.
    fake = await startFakeQwen({ chunkIntervalMs: 40 });
    dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-stop-'));
  });
  afterAll(async () => {
    await killIfRunning(app);
    await fake.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('lets an open stream finish, then exits with code 0 and no error', async () => {
    app = await startAppProcess(appProcessEnvironment(fake, dataDirectory, 'warn'));
    const response = await fetch(`${app.proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-stop', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen3-max', stream: true, messages: [{ role: 'user', content: 'Tell me a long story.' }] }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);

    app.child.kill('SIGTERM');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }

    expect(text).toContain('"finish_reason":"stop"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(await app.exited).toBe('0');
    expect(app.output()).not.toMatch(/Error|\n\s+at /);
  });
});
