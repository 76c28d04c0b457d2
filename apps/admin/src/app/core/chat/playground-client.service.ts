import { Injectable, inject } from '@angular/core';
import { AuthTokenService } from '../auth/auth-token.service';
import { SseParser } from '../events/sse-parser';
import { type AssistantTurn, applyChunk, emptyTurn } from './chat-accumulator';

export interface PlaygroundMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PlaygroundRequest {
  baseUrl: string;
  /** Empty: the console's admin token, which `/v1` accepts in every access mode. */
  apiKey: string;
  model: string;
  messages: PlaygroundMessage[];
  stream: boolean;
  reasoning?: boolean;
  tools?: unknown[];
}

export interface PlaygroundResult {
  turn: AssistantTurn;
  requestId: string | null;
  provider: string | null;
}

/**
 * Calls the OpenAI API on the proxy (or router) port from the browser: the control plane lets
 * the console's origin through with CORS. Streams with fetch so each delta shows as it comes.
 */
@Injectable({ providedIn: 'root' })
export class PlaygroundClientService {
  private readonly auth = inject(AuthTokenService);

  async send(request: PlaygroundRequest, onUpdate: (turn: AssistantTurn) => void, signal?: AbortSignal): Promise<PlaygroundResult> {
    const body: Record<string, unknown> = { model: request.model, messages: request.messages, stream: request.stream };
    if (request.stream) body['stream_options'] = { include_usage: true };
    if (request.reasoning) body['enable_thinking'] = true;
    if (request.tools?.length) body['tools'] = request.tools;
    const response = await fetch(`${request.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${request.apiKey || this.auth.token() || 'console-playground'}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
    const meta = { requestId: response.headers.get('x-request-id'), provider: response.headers.get('x-provider') };
    if (!response.ok) {
      const text = await response.text();
      let message = `HTTP ${response.status}`;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        if (text) message = text.slice(0, 300);
      }
      throw new PlaygroundError(message, response.status, meta.requestId);
    }
    let turn = emptyTurn();
    if (!request.stream || !response.body) {
      turn = applyChunk(turn, await response.json());
      onUpdate(turn);
      return { turn, ...meta };
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    const handle = (data: string) => {
      if (data === '[DONE]') return;
      try {
        turn = applyChunk(turn, JSON.parse(data));
        onUpdate(turn);
      } catch {
        // A malformed frame is skipped, not fatal.
      }
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const message of parser.push(value)) handle(message.data);
    }
    for (const message of parser.end()) handle(message.data);
    return { turn, ...meta };
  }
}

export class PlaygroundError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly requestId: string | null,
  ) {
    super(message);
  }
}
