import type { AnswerFeatures } from '../validation/completion-request.validation';
import type { SearchSource, StreamedAnswer } from './scripted-answer';

/**
 * The text of the default answer. It repeats the message and lists the user messages of the
 * branch it continues, so a test sees at once whether the proxy sent the right chat and parent_id.
 */
export function defaultAnswerText(content: string, earlierUserMessages: readonly string[]): string {
  const memory = earlierUserMessages.length > 0 ? earlierUserMessages.join(', ') : 'nothing';
  return `You said: "${content}" (turn ${earlierUserMessages.length + 1} of this chat; I remember: ${memory})`;
}

export const DEFAULT_THOUGHTS = ['Reading the message of this turn.', 'Recalling the earlier turns of this branch.'];

export const DEFAULT_THINKING_TITLE = 'Thinking about the message';

export const DEFAULT_SOURCES: SearchSource[] = [
  { title: 'Fake search result one', url: 'https://example.com/fake-result-1', snippet: 'A page the fake pretends to have read.' },
  { title: 'Fake search result two', url: 'https://example.org/fake-result-2', snippet: 'Another page, for citations.' },
];

/** Where the default image points: a tiny PNG the fake itself serves. */
export function defaultImageUrl(baseUrl: string, responseId: string): string {
  return `${baseUrl}/__fake/images/${responseId}.png`;
}

/**
 * The answer when nothing is scripted, shaped by what the request asked for as the real service
 * would: `t2i` draws, `search` (or `auto_search`) searches first, `thinking_enabled` thinks first.
 * One prelude at most, in that order of precedence.
 */
export function defaultAnswer(chatType: string, features: AnswerFeatures, imageUrl: string): StreamedAnswer {
  if (chatType === 't2i') {
    return { kind: 'image', urls: [imageUrl] };
  }
  if (chatType === 'search' || features.autoSearch) {
    return { kind: 'search', sources: DEFAULT_SOURCES };
  }
  if (features.thinkingEnabled) {
    return features.thinkingFormat === 'detail'
      ? { kind: 'thinking-detail', reasoning: DEFAULT_THOUGHTS.join(' ') }
      : { kind: 'thinking-summary', thoughts: DEFAULT_THOUGHTS, title: DEFAULT_THINKING_TITLE };
  }
  return { kind: 'answer' };
}
