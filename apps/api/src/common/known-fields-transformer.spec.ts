import 'reflect-metadata';
import { ChatCompletionRequestDto } from '../openai/dto/chat-completion-request.dto';
import { ChatMessageDto } from '../openai/dto/chat-message.dto';
import { RequestLogQueryDto } from '../activity/dto/activity-query.dto';
import { knownFieldsTransformer } from './known-fields-transformer';
import { createValidationPipe } from './validation';

describe('knownFieldsTransformer', () => {
  it('builds the declared classes and keeps unknown fields as the very objects sent (never walked)', () => {
    const unknown = { keys: { a: 1 } };
    const tool = { type: 'function', function: { name: 'f', parameters: { type: 'object' } } };
    const body = { model: 'qwen3-max', messages: [{ role: 'user', content: 'hi', vendor_field: unknown }], tools: [tool], vendor_extension: unknown };
    const instance = knownFieldsTransformer.plainToInstance(ChatCompletionRequestDto, body) as ChatCompletionRequestDto & Record<string, unknown>;
    expect(instance).toBeInstanceOf(ChatCompletionRequestDto);
    expect(instance.messages[0]).toBeInstanceOf(ChatMessageDto);
    expect(instance['vendor_extension']).toBe(unknown);
    expect((instance.messages[0] as unknown as Record<string, unknown>)['vendor_field']).toBe(unknown);
    expect(instance.tools![0]).toBe(tool);
  });

  it('converts declared primitive types as class-transformer does (query strings)', () => {
    const query = knownFieldsTransformer.plainToInstance(RequestLogQueryDto, { limit: '20', offset: '5' }) as RequestLogQueryDto;
    expect(query.limit).toBe(20);
    expect(query.offset).toBe(5);
  });

  it('still validates through the pipe: a bad known field is a 400 naming it, unknown fields pass', async () => {
    const pipe = createValidationPipe();
    await expect(pipe.transform({ model: 'm', messages: [{ role: 'nobody', content: 'hi' }] }, { type: 'body', metatype: ChatCompletionRequestDto })).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].role',
    });
    const extra: Record<string, number> = {};
    for (let index = 0; index < 50_000; index++) extra[`k${index}`] = index;
    const accepted = (await pipe.transform({ model: 'm', messages: [{ role: 'user', content: 'hi' }], extra }, { type: 'body', metatype: ChatCompletionRequestDto })) as Record<string, unknown>;
    expect(accepted['extra']).toBe(extra);
  });
});
