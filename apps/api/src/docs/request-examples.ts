/**
 * The request body Swagger UI fills in for "Try it out", per operation. Each one succeeds when
 * executed as it stands (the OpenAPI document test runs them): a generated example (`{}` for a
 * union, the minimum of every number) was refused or, for settings, changed what it touched.
 */
export const requestExamples: Record<string, unknown> = {
  'post /v1/chat/completions': { model: 'qwen3-max', stream: false, messages: [{ role: 'user', content: 'Say hello in one short sentence.' }] },
  'post /v1/completions': { model: 'qwen3-max', prompt: 'Say hello in one short sentence.' },
  'post /v1/images/generations': { prompt: 'A watercolour of a red panda reading a book', size: '1024x1024' },
  'post /v1/responses': { model: 'qwen3-max', input: 'Say hello in one short sentence.' },
  'post /v1/messages': { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Say hello in one short sentence.' }] },
  'post /v1/messages/count_tokens': { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'How many tokens is this?' }] },
  // A PATCH changes only what it names: the empty patch changes nothing and shows the settings.
  'patch /api/settings': {},
  'post /api/api-keys': { name: 'my IDE', requestsPerMinute: 60 },
  'post /api/providers': { name: 'LM Studio', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1', models: ['qwen2.5-7b-instruct'] },
};
