import fc from 'fast-check';

/** Text that is anything but friendly: control characters, lone surrogates, huge code points. */
const nastyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('', ' ', '\u0000', '\ud800', '𝕏'.repeat(40), '{{', '"', '\\'));

const anyJsonValue = fc.jsonValue({ maxDepth: 3 });

/** A message as a careless client would write it: roles, content shapes and extras all over the place. */
const messageLike = fc.record(
  {
    role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool', 'developer', 'function'), nastyText, anyJsonValue),
    content: fc.oneof(
      nastyText,
      fc.constant(null),
      fc.array(
        fc.record(
          { type: fc.oneof(fc.constantFrom('text', 'image_url', 'image', 'input_text', 'tool_result'), nastyText), text: fc.oneof(nastyText, anyJsonValue), image_url: anyJsonValue },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      anyJsonValue,
    ),
    name: anyJsonValue,
    tool_calls: anyJsonValue,
  },
  { requiredKeys: [] },
);

/** Bodies close to a valid request of some surface, with any field wrong, missing or extra. */
const validIshBody = fc.record(
  {
    model: fc.oneof(fc.constantFrom('qwen3-max', 'qwen3-coder-plus', 'gpt-4o', ''), nastyText, anyJsonValue),
    messages: fc.oneof(fc.array(messageLike, { maxLength: 4 }), anyJsonValue),
    input: fc.oneof(nastyText, fc.array(messageLike, { maxLength: 2 }), anyJsonValue),
    stream: fc.oneof(fc.boolean(), anyJsonValue),
    stream_options: anyJsonValue,
    max_tokens: fc.oneof(fc.integer(), fc.double(), anyJsonValue),
    temperature: fc.oneof(fc.double(), anyJsonValue),
    n: fc.oneof(fc.integer({ min: -2, max: 4 }), anyJsonValue),
    tools: anyJsonValue,
    system: anyJsonValue,
    // Control-plane shapes: credentials, providers, settings, API keys.
    cookies: fc.oneof(nastyText, anyJsonValue),
    token: fc.oneof(nastyText, anyJsonValue),
    name: fc.oneof(nastyText, anyJsonValue),
    type: fc.oneof(fc.constantFrom('openai-compatible', 'qwen-web'), nastyText),
    baseUrl: fc.oneof(fc.constantFrom('http://127.0.0.1:9/v1', 'not a url', 'file:///etc/passwd'), nastyText),
    routingStrategy: fc.oneof(fc.constantFrom('priority', 'weighted'), nastyText),
    modelAliases: anyJsonValue,
    requestsPerMinute: anyJsonValue,
    allowedModels: anyJsonValue,
    expiresAt: anyJsonValue,
  },
  { requiredKeys: [] },
).map((value) => JSON.stringify(value));

/** Not JSON at all, or JSON of the wrong kind, or pathologically nested. */
const garbageBody = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.constantFrom('', 'null', '[]', '"text"', '42', '{', '{"model":', '\u0000\u0001', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}'),
  fc.integer({ min: 1, max: 3000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 3000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
);

export const fuzzBody = fc.oneof({ weight: 3, arbitrary: validIshBody }, { weight: 2, arbitrary: garbageBody }, { weight: 1, arbitrary: fc.constant(undefined) });

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'text/json',
  'application/vnd.api+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '*/*',
  ';;;',
);

/** Header values as an HTTP client may legally send them (visible ASCII), up to 4 KB each (Node refuses more than 16 KB of headers in all with a bare 431). */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 80 }),
  fc.integer({ min: 1000, max: 4000 }).map((length) => 'x'.repeat(length)),
);

/** Authorization as clients get it wrong, plus the real credential so validation is reached. */
export function fuzzHeaders(validCredential: string) {
  return fc.record(
    {
      'content-type': contentTypes,
      authorization: fc.oneof(
        { weight: 4, arbitrary: fc.constant(`Bearer ${validCredential}`) },
        { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'bearer  x', 'Basic dXNlcjpwYXNz', `Bearer ${validCredential} extra`, `${validCredential}`) },
        { weight: 1, arbitrary: headerValue.map((value) => `Bearer ${value}`) },
      ),
      'x-api-key': fc.option(headerValue, { nil: undefined }),
      'x-session-id': fc.option(headerValue, { nil: undefined }),
      'anthropic-version': fc.option(fc.constantFrom('2023-06-01', 'nonsense'), { nil: undefined }),
      accept: fc.option(fc.constantFrom('text/event-stream', 'application/json', '*/*', 'image/png'), { nil: undefined }),
      'accept-encoding': fc.option(fc.constantFrom('gzip', 'br', 'identity;q=0', 'nonsense'), { nil: undefined }),
    },
    { requiredKeys: ['authorization'] },
  );
}

/** Drops undefined entries: node:http refuses them. */
export function definedHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
