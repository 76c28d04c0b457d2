/** OpenAI's error body. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A refusal as OpenAI sends it: a status and its error body. */
export interface OpenAiErrorReply {
  status: number;
  body: OpenAiErrorBody;
}

function reply(status: number, message: string, type: string, param: string | null = null, code: string | null = null): OpenAiErrorReply {
  return { status, body: { error: { message, type, param, code } } };
}

// The messages are OpenAI's own, word for word, so clients that show them look as they would.

export function invalidUrl(method: string, path: string): OpenAiErrorReply {
  return reply(404, `Invalid URL (${method} ${path})`, 'invalid_request_error');
}

export function missingApiKey(): OpenAiErrorReply {
  return reply(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
  );
}

export function incorrectApiKey(key: string): OpenAiErrorReply {
  // OpenAI shows the key's start and end only.
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : '*'.repeat(key.length);
  return reply(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

export function unparsableJson(): OpenAiErrorReply {
  return reply(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    'invalid_request_error',
  );
}

export function missingModel(): OpenAiErrorReply {
  return reply(400, 'you must provide a model parameter', 'invalid_request_error');
}

export function missingParameter(param: string): OpenAiErrorReply {
  return reply(400, `Missing required parameter: '${param}'.`, 'invalid_request_error', param, 'missing_required_parameter');
}

export function invalidType(param: string, expected: string, received: string): OpenAiErrorReply {
  return reply(400, `Invalid type for '${param}': expected ${expected}, but got ${received} instead.`, 'invalid_request_error', param, 'invalid_type');
}

export function streamOptionsWithoutStream(): OpenAiErrorReply {
  return reply(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'invalid_request_error', 'stream_options');
}

export function modelNotFound(model: string): OpenAiErrorReply {
  return reply(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');
}

/** The default body of a scripted status: the error OpenAI sends with it. */
export function errorForStatus(status: number): OpenAiErrorBody {
  switch (status) {
    case 401:
      return incorrectApiKey('sk-scripted-key').body;
    case 404:
      return modelNotFound('scripted-model').body;
    case 429:
      return reply(429, 'Rate limit reached for requests. Please try again in 20s.', 'requests', null, 'rate_limit_exceeded').body;
    case 500:
      return reply(500, 'The server had an error while processing your request. Sorry about that!', 'server_error').body;
    case 503:
      return reply(503, 'The engine is currently overloaded, please try again later.', 'server_error', null, 'engine_overloaded').body;
    default:
      return reply(status, `Scripted failure with status ${status}.`, status >= 500 ? 'server_error' : 'invalid_request_error').body;
  }
}

/** What a mid-stream failure looks like in a `data:` line. */
export function midStreamError(message: string): OpenAiErrorBody {
  return reply(500, message, 'server_error', null, 'server_error').body;
}
