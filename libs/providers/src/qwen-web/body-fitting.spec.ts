import type { GatewayError } from '@qwen-proxy/contracts';
import { completionBodyBytes, type QwenFileAttachment } from '@qwen-proxy/qwen';
import { contextDocumentName, fitCompletionBody } from './body-fitting';
import type { FoldedPrompt } from './prompt-folding';

const measure = (content: string, files: QwenFileAttachment[] | undefined) =>
  completionBodyBytes({ chatId: 'c', model: 'qwen3.7-plus', parentId: null, content, files });
const document = { id: 'doc', name: contextDocumentName } as unknown as QwenFileAttachment;
const agent = (contextKiB: number, toolsKiB: number, currentKiB = 1): FoldedPrompt => ({
  context: `[Instructions]\n${'You are a coding agent. '.repeat((contextKiB * 1024) / 24)}`,
  tools: `[Tools]\n${'{"name":"read_file"} '.repeat((toolsKiB * 1024) / 21)}`,
  current: `Fix the bug. ${'x'.repeat(currentKiB * 1024)}`,
});

describe(fitCompletionBody.name, () => {
  const limitBytes = 100 * 1024;

  it('sends a body under the limit as is, without uploading', async () => {
    const upload = jest.fn();
    const fitted = await fitCompletionBody({ prompt: agent(10, 5), measure, limitBytes, uploadDocument: upload });
    expect(fitted.externalised).toBeUndefined();
    expect(fitted.content).toContain('You are a coding agent.');
    expect(upload).not.toHaveBeenCalled();
  });

  it('moves the context of a 250 KB agent request into a document, keeping the new turn and the tools inline', async () => {
    const upload = jest.fn(async () => document);
    const prompt = agent(240, 8);
    const fitted = await fitCompletionBody({ prompt, measure, limitBytes, uploadDocument: upload });
    expect(fitted.externalised).toBe('context');
    expect(fitted.bodyBytes).toBeLessThanOrEqual(limitBytes);
    expect(fitted.content).toContain('Fix the bug.');
    expect(fitted.content).toContain('[Tools]');
    expect(fitted.content).toContain(contextDocumentName);
    expect(fitted.files).toEqual([document]);
    expect(upload).toHaveBeenCalledWith(prompt.context, contextDocumentName);
  });

  it('moves the tools too when they do not fit beside the new turn', async () => {
    const upload = jest.fn(async (_text: string) => document);
    const fitted = await fitCompletionBody({ prompt: agent(60, 120), measure, limitBytes, uploadDocument: upload });
    expect(fitted.content).not.toContain('[Tools]');
    expect(upload.mock.calls[0]![0]).toContain('[Tools]');
    expect(fitted.bodyBytes).toBeLessThanOrEqual(limitBytes);
  });

  it('moves everything when the new turn alone is over the limit', async () => {
    const upload = jest.fn(async (_text: string) => document);
    const fitted = await fitCompletionBody({ prompt: agent(5, 5, 150), measure, limitBytes, uploadDocument: upload });
    expect(fitted.externalised).toBe('everything');
    expect(upload.mock.calls[0]![0]).toContain('Fix the bug.');
    expect(fitted.bodyBytes).toBeLessThanOrEqual(limitBytes);
  });

  it('answers 413 when the upload fails, naming why', async () => {
    const error = await fitCompletionBody({
      prompt: agent(240, 8),
      measure,
      limitBytes,
      uploadDocument: async () => {
        throw new Error('getstsToken refused');
      },
    }).catch((caught: GatewayError) => caught) as GatewayError;
    expect(error).toMatchObject({ status: 413, code: 'qwen_body_too_large', retryable: false, credentialEffect: undefined });
    expect(error.message).toMatch(/getstsToken refused/);
  });

  it('answers 413 when nothing can be uploaded', async () => {
    await expect(fitCompletionBody({ prompt: agent(240, 8), measure, limitBytes })).rejects.toMatchObject({ status: 413 });
  });
});
