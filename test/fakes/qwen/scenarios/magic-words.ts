import { DEFAULT_SOURCES, DEFAULT_THINKING_TITLE, DEFAULT_THOUGHTS } from './default-answer';
import { FAILURE_NAMES, type FailureName, type ScriptedAnswer } from './scripted-answer';

/** How long `[[slow]]` keeps the client waiting for its first byte. */
export const SLOW_FIRST_BYTE_MS = 3000;

const STREAM_MAGIC_WORDS: Record<string, (imageUrl: string) => ScriptedAnswer> = {
  thinking: () => ({ kind: 'thinking-summary', thoughts: DEFAULT_THOUGHTS, title: DEFAULT_THINKING_TITLE }),
  'thinking-detail': () => ({ kind: 'thinking-detail', reasoning: DEFAULT_THOUGHTS.join(' ') }),
  search: () => ({ kind: 'search', sources: DEFAULT_SOURCES }),
  'keep-alive': () => ({ kind: 'keep-alive', count: 3 }),
  snapshot: () => ({ kind: 'snapshot-answer' }),
  'output-text': () => ({ kind: 'output-text-shape' }),
  image: (imageUrl) => ({ kind: 'image', urls: [imageUrl] }),
  cut: () => ({ kind: 'cut', afterChunks: 2 }),
  slow: () => ({ kind: 'slow-first-byte', delayMs: SLOW_FIRST_BYTE_MS }),
  hang: () => ({ kind: 'hang' }),
  split: () => ({ kind: 'split-bytes' }),
  'stream-error': () => ({ kind: 'stream-error', code: 'Internal_Error', details: 'The model stopped unexpectedly.', afterChunks: 2 }),
};

/** Short names for failures people type by hand. */
const FAILURE_ALIASES: Record<string, FailureName> = { expired: 'token-expired', waf: 'waf-html' };

/** Every magic word, for the README and for tests. */
export const MAGIC_WORDS = [...Object.keys(STREAM_MAGIC_WORDS), ...FAILURE_NAMES, ...Object.keys(FAILURE_ALIASES)];

/**
 * The scenario a `[[word]]` in the user's message selects, for manual use without a test to
 * script it (e.g. `[[captcha]]` typed into a chat client). The first known word wins.
 */
export function magicWordAnswer(content: string, imageUrl: string): ScriptedAnswer | undefined {
  for (const [, word] of content.matchAll(/\[\[([a-z0-9-]+)\]\]/g)) {
    const answer = answerFor(word!, imageUrl);
    if (answer) {
      return answer;
    }
  }
  return undefined;
}

function answerFor(word: string, imageUrl: string): ScriptedAnswer | undefined {
  const streamed = STREAM_MAGIC_WORDS[word];
  if (streamed) {
    return streamed(imageUrl);
  }
  const failure = FAILURE_ALIASES[word] ?? FAILURE_NAMES.find((name) => name === word);
  return failure ? { kind: 'failure', failure } : undefined;
}
