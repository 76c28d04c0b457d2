import { parseQwenFrame, readErrorPayload } from './frame-schemas';

describe(parseQwenFrame.name, () => {
  it('reads response.created with its candidate index (a number here, a string in real streams)', () => {
    expect(
      parseQwenFrame({ 'response.created': { chat_id: 'c', parent_id: 'p', response_id: 'r', response_index: 0 } }),
    ).toEqual({ kind: 'response-created', chatId: 'c', parentId: 'p', responseId: 'r', responseIndex: '0' });
  });

  it('reads response.info as a keep-alive', () => {
    expect(parseQwenFrame({ 'response.info': { action: 'keep_alive' } })).toEqual({ kind: 'keep-alive' });
  });

  it('reads a delta frame with every field it uses', () => {
    const frame = parseQwenFrame({
      choices: [
        {
          delta: {
            role: 'assistant',
            content: '',
            phase: 'thinking_summary',
            status: 'typing',
            extra: {
              summary_title: { content: ['Title'] },
              summary_thought: { content: ['one', 2, 'two'] },
              web_search_info: [{ title: 'T', url: 'https://u', hostname: 'u', snippet: 'S' }],
            },
          },
        },
      ],
      response_id: 'r',
      usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3, output_tokens_details: { reasoning_tokens: 1 } },
      timestamp: 1,
    });
    expect(frame).toMatchObject({
      kind: 'deltas',
      deltas: [
        {
          phase: 'thinking_summary',
          extra: {
            summary_title: { content: ['Title'] },
            summary_thought: { content: ['one', 'two'] },
            web_search_info: [{ title: 'T', url: 'https://u', hostname: 'u', snippet: 'S' }],
          },
        },
      ],
      usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3, output_tokens_details: { reasoning_tokens: 1 } },
    });
  });

  it('reads null and mistyped fields as absent instead of rejecting the frame', () => {
    const frame = parseQwenFrame({
      choices: [{ delta: { content: 'text', phase: null, status: 5, extra: 'weird', function_call: [] } }],
      usage: null,
    });
    expect(frame).toEqual({
      kind: 'deltas',
      deltas: [
        {
          content: 'text',
          role: undefined,
          phase: undefined,
          status: undefined,
          extra: undefined,
          function_call: undefined,
          function_id: undefined,
        },
      ],
      usage: undefined,
    });
  });

  it('reads a usage-only frame', () => {
    expect(parseQwenFrame({ choices: [], usage: { output_tokens: 4 } })).toMatchObject({
      kind: 'deltas',
      deltas: [],
      usage: { output_tokens: 4 },
    });
  });

  it('reads the output_text.delta and completed shapes', () => {
    const textDelta = parseQwenFrame({ 'response.output_text.delta': { delta: 'hi' } });
    expect(textDelta).toEqual({ kind: 'output-text-delta', text: 'hi' });
    expect(parseQwenFrame({ 'response.completed': { response: { usage: { total_tokens: 9 } } } })).toMatchObject({
      kind: 'response-completed',
      usage: { total_tokens: 9 },
    });
  });

  it.each([['text'], [42], [null], [[1, 2]], [{}], [{ choices: 'nope' }], [{ 'response.info': null }]])(
    'calls %j unrecognised',
    (value) => {
      expect(parseQwenFrame(value)).toEqual({ kind: 'unrecognised' });
    },
  );

  it('reads an error frame before anything else', () => {
    expect(parseQwenFrame({ choices: [], error: { code: 'x', details: 'y' } })).toEqual({
      kind: 'error',
      error: { code: 'x', details: 'y', hours: undefined, riskControl: false },
    });
  });
});

describe(readErrorPayload.name, () => {
  it('reads the success:false body with the hours to wait', () => {
    expect(
      readErrorPayload({
        success: false,
        request_id: 'req',
        data: { code: 'RateLimited', details: "You've reached the upper limit for today's usage.", num: 10 },
      }),
    ).toEqual({
      code: 'RateLimited',
      details: "You've reached the upper limit for today's usage.",
      hours: 10,
      riskControl: false,
    });
  });

  it('reads a success:false body that only has a message', () => {
    expect(readErrorPayload({ success: false, message: 'nope' })).toMatchObject({ code: undefined, details: 'nope' });
  });

  it('reads error objects with message instead of details, numeric codes and plain strings', () => {
    expect(readErrorPayload({ error: { code: 500, message: 'boom' } })).toMatchObject({ code: '500', details: 'boom' });
    expect(readErrorPayload({ error: 'plain failure' })).toMatchObject({ details: 'plain failure' });
    const nested = readErrorPayload({ data: { error: { code: 'c', details: 'd' } } });
    expect(nested).toMatchObject({ code: 'c', details: 'd' });
  });

  it('reads the risk-control answer with its captcha URL', () => {
    expect(
      readErrorPayload({
        ret: ['FAIL_SYS_USER_VALIDATE', 'RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试'],
        data: { url: 'https://chat.qwen.ai/_____tmd_____/punish?x5secdata=abc&action=captchaconnect' },
      }),
    ).toEqual({
      code: 'FAIL_SYS_USER_VALIDATE',
      details: 'FAIL_SYS_USER_VALIDATE, RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试',
      verificationUrl: 'https://chat.qwen.ai/_____tmd_____/punish?x5secdata=abc&action=captchaconnect',
      riskControl: true,
    });
  });

  it.each([
    [{ success: true, data: { id: 'chat' } }],
    [{ ret: ['SUCCESS::调用成功'], data: {} }],
    [{ error: null }],
    [{ error: '' }],
    [{ choices: [] }],
    ['text'],
  ])('finds no error in %j', (value) => {
    expect(readErrorPayload(value)).toBeUndefined();
  });
});
