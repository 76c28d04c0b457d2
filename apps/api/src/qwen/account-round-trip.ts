import { lastValueFrom, filter, reduce } from 'rxjs';
import type { GatewayError } from '@qwen-proxy/contracts';
import type { QwenClient, QwenCredentials } from '@qwen-proxy/qwen';

/** The model a Test asks when Qwen still lists it; otherwise the first model it lists. */
const preferredTestModel = 'qwen3-max';
const testPrompt = 'Reply with the single word OK.';

export interface RoundTripResult {
  model: string;
  /** The first characters of the answer, as proof a completion went through. */
  answerPreview: string;
}

/**
 * What a real request does, once: open a chat, send one short message, read the answer to its
 * end, then delete the chat from the account's history. Reading the profile alone passes with
 * a token-only cookie jar that completions then refuse with `Bad_Request`.
 * Rejects with the classified `GatewayError` of the step that failed.
 */
export async function completionRoundTrip(client: QwenClient, credentials: QwenCredentials, signal: AbortSignal): Promise<RoundTripResult> {
  const models = await client.listModels(credentials, signal);
  const model = models.find((candidate) => candidate.id === preferredTestModel)?.id ?? models[0]?.id ?? preferredTestModel;
  const { chatId } = await client.createChat(credentials, { model, title: 'Qwen Proxy account test' }, signal);
  try {
    const answer = await lastValueFrom(
      client.streamCompletion(credentials, { chatId, model, parentId: null, content: testPrompt, signal }).pipe(
        filter((event) => event.type === 'text-delta' || event.type === 'error'),
        reduce((text, event) => {
          if (event.type === 'error') throw event.error as GatewayError;
          return event.type === 'text-delta' ? text + event.text : text;
        }, ''),
      ),
      { defaultValue: '' },
    );
    return { model, answerPreview: answer.trim().slice(0, 80) };
  } finally {
    // The test chat is no conversation of the user's: leave no trace of it in their history.
    await client.deleteChat(credentials, chatId, AbortSignal.timeout(5_000)).catch(() => undefined);
  }
}
