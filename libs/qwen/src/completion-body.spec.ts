import { buildCompletionBody, buildCreateChatBody, type CompletionBodyParameters } from './completion-body';

const now = new Date('2026-03-05T16:34:20.123Z');

function sequentialIds(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

const baseParameters: CompletionBodyParameters = {
  chatId: 'chat-1',
  model: 'qwen3-max',
  parentId: null,
  content: 'Hello',
  version: '2.1',
  now,
  newId: sequentialIds(),
};

describe(buildCreateChatBody.name, () => {
  it('builds the web UI body with a millisecond timestamp', () => {
    expect(buildCreateChatBody({ model: 'qwen3-max', now })).toEqual({
      chatId: '',
      models: ['qwen3-max'],
      chat_mode: 'normal',
      chat_type: 't2t',
      timestamp: 1772728460123,
      project_id: '',
    });
  });

  it('carries the chat type, mode and title it is given', () => {
    expect(buildCreateChatBody({ model: 'm', chatType: 'search', chatMode: 'guest', title: 'T', now })).toMatchObject({
      chat_type: 'search',
      chat_mode: 'guest',
      title: 'T',
    });
  });
});

describe(buildCompletionBody.name, () => {
  it('builds the first turn exactly as the web UI does', () => {
    expect(buildCompletionBody({ ...baseParameters, newId: sequentialIds() })).toEqual({
      stream: true,
      version: '2.1',
      incremental_output: true,
      chat_id: 'chat-1',
      chat_mode: 'normal',
      model: 'qwen3-max',
      parent_id: null,
      messages: [
        {
          fid: 'id-1',
          parentId: null,
          parent_id: null,
          childrenIds: ['id-2'],
          role: 'user',
          content: 'Hello',
          user_action: 'chat',
          files: [],
          timestamp: 1772728460,
          models: ['qwen3-max'],
          chat_type: 't2t',
          sub_chat_type: 't2t',
          extra: { meta: { subChatType: 't2t' } },
          feature_config: {
            thinking_enabled: false,
            output_schema: 'phase',
            thinking_format: 'summary',
            auto_search: false,
          },
        },
      ],
      timestamp: 1772728460,
    });
  });

  it('puts the parent id at the top level and in both casings of the message', () => {
    const body = buildCompletionBody({ ...baseParameters, parentId: 'response-7' });
    expect(body.parent_id).toBe('response-7');
    expect(body.messages[0]).toMatchObject({ parentId: 'response-7', parent_id: 'response-7' });
  });

  it('switches thinking on with its budget and mode', () => {
    const thinking = { enabled: true, budget: 4096, mode: 'Thinking' };
    const body = buildCompletionBody({ ...baseParameters, thinking });
    expect(body.messages[0].feature_config).toEqual({
      thinking_enabled: true,
      thinking_budget: 4096,
      thinking_mode: 'Thinking',
      output_schema: 'phase',
      thinking_format: 'summary',
      auto_search: false,
    });
  });

  it('asks for search, image generation size and attached files', () => {
    const file = { type: 'image', id: 'file-1', url: 'https://oss.example/cat.png', status: 'uploaded' };
    const body = buildCompletionBody({
      ...baseParameters,
      chatType: 't2i',
      autoSearch: true,
      size: '16:9',
      files: [file],
    });
    expect(body.size).toBe('16:9');
    expect(body.messages[0]).toMatchObject({
      chat_type: 't2i',
      sub_chat_type: 't2i',
      extra: { meta: { subChatType: 't2i' } },
      files: [file],
      feature_config: { auto_search: true },
    });
  });

  it('sends no size field unless one is asked for', () => {
    expect('size' in buildCompletionBody(baseParameters)).toBe(false);
  });

  it('uses fresh ids for the message and its child', () => {
    const body = buildCompletionBody({ ...baseParameters, newId: sequentialIds() });
    expect(body.messages[0].fid).not.toBe(body.messages[0].childrenIds[0]);
  });
});
