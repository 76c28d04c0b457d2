import { startTestStack } from './support/test-stack';

describe('GET /v1/models', () => {
  it('lists Qwen models live, gets one, and keeps answering from the stored list when Qwen is down', async () => {
    const stack = await startTestStack({ environment: { QWEN_MODELS_CACHE_MS: '0' } });
    try {
      const list = await stack.openai.models.list();
      const ids = list.data.map((model) => model.id);
      expect(ids).toContain('qwen3-max');
      expect(list.data.find((model) => model.id === 'qwen3-max')).toMatchObject({ object: 'model', owned_by: 'qwen' });

      const one = await stack.openai.models.retrieve('qwen3-max');
      expect(one.id).toBe('qwen3-max');
      const missing = await stack.proxy('/v1/models/not-a-model');
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('model_not_found');

      await stack.restart({ QWEN_BASE_URL: 'http://127.0.0.1:9' });
      const stored = await stack.openai.models.list();
      expect(stored.data.map((model) => model.id).sort()).toEqual([...ids].sort());
    } finally {
      await stack.close();
    }
  });

  it("keeps each model's `created` across refreshes of the list (clients cache by it)", async () => {
    const stack = await startTestStack({ environment: { QWEN_MODELS_CACHE_MS: '0' } });
    try {
      const first = await stack.openai.models.list();
      // A fetch in a later second: a refresh that restamped the models would show it.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const second = await stack.openai.models.list();
      const createdOf = (list: typeof first) => Object.fromEntries(list.data.map((model) => [model.id, model.created]));
      expect(stack.fake.requests.filter((request) => request.path.startsWith('/api/models')).length).toBeGreaterThanOrEqual(2);
      expect(createdOf(second)).toEqual(createdOf(first));
    } finally {
      await stack.close();
    }
  });

  it('says plainly when no list can be had at all', async () => {
    const stack = await startTestStack({ environment: { QWEN_BASE_URL: 'http://127.0.0.1:9' } });
    try {
      const response = await stack.proxy('/v1/models');
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('models_unavailable');
    } finally {
      await stack.close();
    }
  });
});
