import type OpenAI from 'openai';
import { acceptedCompletions, sentParentId, startTestStack, type TestStack } from './support/test-stack';

/*
 * chat.qwen.ai as it behaved in late 2026 (libs/qwen/README.md, "Stream parsing and error
 * classification (late 2026)"), end to end through the fake with the official openai SDK.
 */

interface AccountView {
  id: string;
  status: string;
}

function streamedResponseId(request: { outcome: unknown }): string | undefined {
  const outcome = request.outcome as { responseId?: string };
  return outcome.responseId;
}

describe('late-2026 Qwen streams and errors, end to end', () => {
  describe('with one account', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startTestStack();
    });
    afterAll(() => stack.close());
    beforeEach(() => stack.fake.reset());

    it('answers cleanly from candidate 0 of a two-candidate stream, and continues from it', async () => {
      stack.fake.script({ kind: 'dual-candidates', text: 'Paris is the capital of France.', otherText: 'France: Paris.' });
      const history: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Capital of France?' }];
      const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: history, stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Paris is the capital of France.');

      const candidateZero = streamedResponseId(acceptedCompletions(stack.fake)[0]!);
      expect(candidateZero).toBeDefined();
      history.push({ role: 'assistant', content: text }, { role: 'user', content: 'And of Spain?' });
      const next = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: history });
      const completions = acceptedCompletions(stack.fake);
      expect(completions).toHaveLength(2);
      // Same chat, parent = candidate 0: the fake refuses candidate 1's id as an unknown parent.
      expect(sentParentId(completions[1]!)).toBe(candidateZero);
      expect(completions[1]!.query['chat_id']).toBe(completions[0]!.query['chat_id']);
      expect(next.choices[0]!.message.content).toMatch(/turn 2 of this chat/);
    });

    it('serves a model that cannot stop thinking without a reasoning field, and offers no -fast for it', async () => {
      const ids = (await stack.openai.models.list()).data.map((model) => model.id);
      expect(ids).toEqual(expect.arrayContaining(['qwen3.8-max', 'qwen3.8-max-thinking', 'qwen3-max-fast']));
      expect(ids).not.toContain('qwen3.8-max-fast');

      const answer = await stack.openai.chat.completions.create({ model: 'qwen3.8-max', messages: [{ role: 'user', content: 'Think for me' }] });
      expect(answer.choices[0]!.message.content).toMatch(/You said/);
      const [sent] = acceptedCompletions(stack.fake);
      const body = sent!.body as { messages: { feature_config: { thinking_enabled: boolean } }[] };
      expect(body.messages[0]!.feature_config.thinking_enabled).toBe(true);

      // A client that asks for -fast anyway (an old model list) still gets an answer: thinking
      // stays on, since Qwen would refuse it off with invalid_input.
      const fast = await stack.openai.chat.completions.create({ model: 'qwen3.8-max-fast', messages: [{ role: 'user', content: 'x' }] });
      expect(fast.choices[0]!.message.content).toMatch(/You said/);
      const fastBody = acceptedCompletions(stack.fake)[1]!.body as { messages: { feature_config: { thinking_enabled: boolean } }[] };
      expect(fastBody.messages[0]!.feature_config.thinking_enabled).toBe(true);
    });

    it('counts an unknown frame in /metrics and shows it in GET /api/requests/{id}', async () => {
      stack.fake.script({ kind: 'novel-frame', frame: { 'response.hologram': { level: 3, owner: 'someone@example.com' } }, text: 'Still answered.' });
      const { data, response } = await stack.openai.chat.completions
        .create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] })
        .withResponse();
      expect(data.choices[0]!.message.content).toBe('Still answered.');
      const requestId = response.headers.get('x-request-id')!;
      await stack.flushRecords();

      const metrics = await (await fetch(`${stack.app.controlUrl}/metrics`)).text();
      expect(metrics).toMatch(/qwen_proxy_upstream_unknown_shapes_total\{provider="qwen-web",kind="frame"\} 1/);
      expect(metrics).not.toContain('hologram');

      const detail = (await (await stack.control(`/api/requests/${requestId}`)).json()) as { upstreamUnknownShapes: { kind: string; name: string; sample: string }[] };
      expect(detail.upstreamUnknownShapes).toEqual([{ kind: 'frame', name: 'response.hologram', sample: expect.stringContaining('"level":3') }]);
      expect(detail.upstreamUnknownShapes[0]!.sample).not.toContain('someone@example.com');
    });
  });

  describe('with two accounts', () => {
    let stack: TestStack;

    beforeEach(async () => {
      stack = await startTestStack({ seedAccount: false });
      for (const label of ['first', 'second']) {
        const response = await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ ...stack.fake.issueAccount({ label }), label }) });
        expect(response.status).toBe(201);
      }
    });
    afterEach(() => stack.close());

    it('cools an account down on an in-stream quota error and moves the request to the other account', async () => {
      stack.fake.script({
        kind: 'stream-error',
        code: 'internal_error',
        details: 'Allocated quota exceeded, please increase your quota limit.',
        afterChunks: 0,
        shape: 'candidate',
      });
      const { data, response } = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] }).withResponse();
      expect(data.choices[0]!.message.content).toMatch(/You said/);
      const accounts = (await (await stack.control('/api/credentials')).json()) as AccountView[];
      const cooling = accounts.filter((account) => account.status === 'cooldown');
      expect(cooling).toHaveLength(1);
      expect(response.headers.get('x-qwen-account')).not.toBe(cooling[0]!.id);
      expect(acceptedCompletions(stack.fake)).toHaveLength(2);
    });

    it('reads a bare {"code":"RateLimited","detail"} frame as the daily limit: cooldown, other account', async () => {
      stack.fake.script({ kind: 'stream-error', code: 'RateLimited', details: 'You have reached the daily usage limit.', afterChunks: 0, shape: 'bare' });
      const { data } = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] }).withResponse();
      expect(data.choices[0]!.message.content).toMatch(/You said/);
      const accounts = (await (await stack.control('/api/credentials')).json()) as AccountView[];
      expect(accounts.filter((account) => account.status === 'cooldown')).toHaveLength(1);
    });
  });
});
