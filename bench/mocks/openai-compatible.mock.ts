import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server } from 'node:http';
import { chunkTexts, type MockAnswer } from './mock-answer';
import { delay, readBody, sendJson, writePaced } from './http-helpers';

/**
 * A lean OpenAI-compatible upstream (`/v1/chat/completions`, `/v1/models`). A non-streaming
 * answer takes as long as the streamed one would (first-byte delay plus every interval), the way
 * a model server generates before it replies.
 */
export function createOpenAiCompatibleMock(currentAnswer: () => MockAnswer): Server {
  let nextCompletionNumber = 0;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    const body = await readBody(request);
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      nextCompletionNumber += 1;
      const id = `chatcmpl-${nextCompletionNumber}`;
      const streaming = /"stream"\s*:\s*true/.test(body);
      const model = /"model"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? 'bench-model';
      const answer = currentAnswer();
      return streaming ? streamAnswer(response, answer, id, model) : answerWhole(response, answer, id, model);
    }
    if (request.method === 'GET' && path === '/v1/models') {
      return sendJson(response, 200, { object: 'list', data: [{ id: 'bench-model', object: 'model', created: 0, owned_by: 'bench' }] });
    }
    sendJson(response, 404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } });
  };
  return createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
}

const created = Math.floor(Date.now() / 1000);

function usageOf(content: string) {
  const completionTokens = Math.ceil(content.length / 4);
  return { prompt_tokens: 12, completion_tokens: completionTokens, total_tokens: 12 + completionTokens };
}

async function answerWhole(response: ServerResponse, answer: MockAnswer, id: string, model: string): Promise<void> {
  await delay(answer.firstByteDelayMs + answer.chunkIntervalMs * Math.max(0, answer.chunks - 1));
  const content = chunkTexts(answer).join('');
  sendJson(response, 200, {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: usageOf(content),
  });
}

async function streamAnswer(response: ServerResponse, answer: MockAnswer, id: string, model: string): Promise<void> {
  await delay(answer.firstByteDelayMs);
  const chunk = (delta: unknown, finishReason: string | null, usage?: unknown) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...(usage ? { usage } : {}) })}\n\n`;
  const texts = chunkTexts(answer);
  const frames = texts.map((content, index) => chunk(index === 0 ? { role: 'assistant', content } : { content }, null));
  frames.push(chunk({}, 'stop', usageOf(texts.join(''))) + 'data: [DONE]\n\n');
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  await writePaced(response, frames, answer.chunkIntervalMs);
}
