import { startTestStack, type TestStack } from './support/test-stack';

/** Anthropic count_tokens on a port, answered with the tokenizer the `x-tokenizer` header names. */
async function countTokens(url: string, text: string): Promise<{ status: number; tokenizer: string | null; inputTokens: number }> {
  const response = await fetch(`${url}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk-test', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: text }] }),
  });
  const body = (await response.json()) as { input_tokens: number };
  return { status: response.status, tokenizer: response.headers.get('x-tokenizer'), inputTokens: body.input_tokens };
}

describe('token counts by provider (issue 20)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it("counts with Qwen3's tokenizer on the proxy port and with o200k on the router", async () => {
    // 4 tokens of role markers around the message, then Qwen3's `12345` is five digits (o200k: two tokens).
    await expect(countTokens(stack.app.proxyUrl, 'Hello, world! 12345')).resolves.toEqual({ status: 200, tokenizer: 'qwen3', inputTokens: 4 + 4 + 6 });
    await expect(countTokens(stack.app.routerUrl, 'Hello, world! 12345')).resolves.toEqual({ status: 200, tokenizer: 'o200k', inputTokens: 4 + 4 + 3 });
  }, 60_000);

  it('counts 100 KB without whitespace off the event loop: /health/live keeps answering', async () => {
    await countTokens(stack.app.proxyUrl, 'warm the worker');
    let counting = true;
    let slowestProbeMs = 0;
    let probes = 0;
    const probing = (async () => {
      while (counting) {
        const started = performance.now();
        const live = await fetch(`${stack.app.controlUrl}/health/live`);
        expect(live.status).toBe(200);
        slowestProbeMs = Math.max(slowestProbeMs, performance.now() - started);
        probes += 1;
      }
    })();
    const counted = await Promise.all(['!'.repeat(100_000), '汉字'.repeat(50_000)].map((text) => countTokens(stack.app.proxyUrl, text)));
    counting = false;
    await probing;
    // Qwen3 merges a run of `!` eight at a time and each CJK pair into one token (`汉字`).
    expect(counted).toEqual([
      { status: 200, tokenizer: 'qwen3', inputTokens: 4 + 12_500 },
      { status: 200, tokenizer: 'qwen3', inputTokens: 4 + 50_000 },
    ]);
    expect(probes).toBeGreaterThan(1);
    // Counting inline would hold the loop for the whole count (about 1-2 s each here).
    expect(slowestProbeMs).toBeLessThan(500);
  }, 120_000);
});
