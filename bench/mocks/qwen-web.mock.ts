import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { chunkTexts, type MockAnswer } from './mock-answer';
import { delay, readBody, sendJson, writePaced } from './http-helpers';

/**
 * A lean chat.qwen.ai: just enough of the web protocol (qwen-web-protocol.md §1–4) for the proxy
 * to serve answers, and nothing that costs time. It does not validate requests beyond the
 * presence of credentials: correctness is test/fakes/qwen's job, this one is a load peer.
 */
export function createQwenWebMock(currentAnswer: () => MockAnswer): Server {
  let nextChatNumber = 0;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    const body = await readBody(request);
    if (path.startsWith('/api/') && !hasCredentials(request) && path !== '/api/models') {
      return sendJson(response, 200, { success: false, data: { code: 'unauthorized', details: 'Token has expired, please log in again.' } });
    }
    if (request.method === 'POST' && path === '/api/v2/chats/new') {
      nextChatNumber += 1;
      return sendJson(response, 200, { success: true, request_id: `r${nextChatNumber}`, data: { id: `chat-${nextChatNumber}` } });
    }
    if (request.method === 'POST' && path === '/api/v2/chat/completions') {
      return streamAnswer(response, currentAnswer(), chatIdOf(request.url ?? '', body));
    }
    if (request.method === 'GET' && (path === '/api/models' || path === '/api/v2/models/')) {
      return sendJson(response, 200, { data: [modelEntry('qwen3-max'), modelEntry('qwen3-coder-plus')] });
    }
    if (request.method === 'GET' && path === '/api/v1/auths/') {
      return sendJson(response, 200, { id: 'bench-user', email: 'bench@example.invalid', name: 'bench' });
    }
    if (request.method === 'DELETE' && path.startsWith('/api/v2/chats/')) {
      return sendJson(response, 200, { success: true, data: { status: true } });
    }
    sendJson(response, 404, { detail: 'Not Found' });
  };
  return createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
}

function hasCredentials(request: IncomingMessage): boolean {
  const authorization = request.headers.authorization ?? '';
  const cookies = request.headers.cookie ?? '';
  return authorization.startsWith('Bearer ') && cookies.includes('token=');
}

function chatIdOf(url: string, body: string): string {
  const fromQuery = /[?&]chat_id=([^&]+)/.exec(url)?.[1];
  if (fromQuery) return decodeURIComponent(fromQuery);
  return /"chat_id"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? 'unknown';
}

let nextResponseNumber = 0;

async function streamAnswer(response: ServerResponse, answer: MockAnswer, chatId: string): Promise<void> {
  await delay(answer.firstByteDelayMs);
  nextResponseNumber += 1;
  const responseId = `resp-${nextResponseNumber}`;
  const frames: string[] = [
    frame({ 'response.created': { chat_id: chatId, parent_id: `user-${nextResponseNumber}`, response_id: responseId } }),
  ];
  const texts = chunkTexts(answer);
  let outputCharacters = 0;
  for (const content of texts) {
    outputCharacters += content.length;
    frames.push(
      frame({
        choices: [{ delta: { role: 'assistant', content, phase: 'answer', status: 'typing' } }],
        response_id: responseId,
        usage: { input_tokens: 12, output_tokens: Math.ceil(outputCharacters / 4), total_tokens: 12 + Math.ceil(outputCharacters / 4) },
      }),
    );
  }
  frames.push(frame({ choices: [{ delta: { content: '', role: 'assistant', status: 'finished', phase: 'answer' } }], response_id: responseId }));
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  await writePaced(response, frames, answer.chunkIntervalMs);
}

function frame(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function modelEntry(id: string) {
  return {
    id,
    name: id,
    object: 'model',
    owned_by: 'qwen',
    info: { is_active: true, meta: { capabilities: { thinking: true, search: true }, max_context_length: 262144, chat_type: ['t2t'] } },
  };
}
