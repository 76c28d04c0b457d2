import type { ChatRequest } from '@qwen-proxy/contracts';
import type { CompletionRequestDto } from './dto/completion-request.dto';

/** A legacy completion as one user turn: each prompt is a conversation of its own. */
export function toChatRequest(body: CompletionRequestDto, sessionHeader?: string): ChatRequest {
  const prompt = typeof body.prompt === 'string' ? body.prompt : body.prompt[0]!;
  return {
    model: body.model,
    messages: [{ role: 'user', content: prompt }],
    stream: body.stream === true,
    maxOutputTokens: body.max_tokens,
    temperature: body.temperature,
    topP: body.top_p,
    stop: typeof body.stop === 'string' ? [body.stop] : body.stop,
    sessionKey: sessionHeader?.trim() || body.user?.trim() || undefined,
  };
}
