import { startFakeQwen } from './index';
import { browserHeaders, completionBody, QwenBrowserClient } from './spec-support/qwen-browser.client';
import { eventually } from './spec-support/eventually';

describe('fake chat.qwen.ai: streams and shutdown', () => {
  it('counts open streams and clients that hang up mid-answer', async () => {
    const fake = await startFakeQwen({ chunkIntervalMs: 20 });
    try {
      const account = fake.issueAccount();
      const chatId = await new QwenBrowserClient(fake.url, account).createChat();
      const abort = new AbortController();
      const response = await fetch(`${fake.url}/api/v2/chat/completions?chat_id=${chatId}`, {
        method: 'POST',
        headers: browserHeaders(account),
        body: JSON.stringify(completionBody({ chatId, parentId: null, content: 'a message long enough to take a while to answer' })),
        signal: abort.signal,
      });
      await response.body!.getReader().read();
      expect(fake.openStreams).toBe(1);
      abort.abort();
      await eventually(() => fake.openStreams === 0);
      expect(fake.completionsAborted).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('counts a client that gives up while waiting for the first byte', async () => {
    const fake = await startFakeQwen();
    try {
      const account = fake.issueAccount();
      const chatId = await new QwenBrowserClient(fake.url, account).createChat();
      fake.script({ kind: 'slow-first-byte', delayMs: 300 });
      const request = fetch(`${fake.url}/api/v2/chat/completions?chat_id=${chatId}`, {
        method: 'POST',
        headers: browserHeaders(account),
        body: JSON.stringify(completionBody({ chatId, parentId: null, content: 'hi' })),
        signal: AbortSignal.timeout(50),
      });
      await expect(request).rejects.toThrow();
      await eventually(() => fake.completionsAborted === 1);
      expect(fake.openStreams).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('closes promptly even with a stream that never ends, without counting it as a client abort', async () => {
    const fake = await startFakeQwen();
    const account = fake.issueAccount();
    const chatId = await new QwenBrowserClient(fake.url, account).createChat();
    fake.script({ kind: 'hang' });
    const response = await fetch(`${fake.url}/api/v2/chat/completions?chat_id=${chatId}`, {
      method: 'POST',
      headers: browserHeaders(account),
      body: JSON.stringify(completionBody({ chatId, parentId: null, content: 'hi' })),
    });
    const reading = response.body!.getReader().read();
    expect(fake.openStreams).toBe(1);
    await fake.close();
    await expect(reading).rejects.toThrow();
    expect(fake.openStreams).toBe(0);
    expect(fake.completionsAborted).toBe(0);
  });

  it('listens on the requested host and port', async () => {
    const probe = await startFakeQwen();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const fake = await startFakeQwen({ host: '127.0.0.1', port });
    try {
      expect(fake.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await fake.close();
    }
  });
});
