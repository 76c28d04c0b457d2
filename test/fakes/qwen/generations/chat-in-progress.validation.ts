import { badRequest } from '../failures/qwen-error.replies';
import { passed, refused, type Checked } from '../validation/rejection';
import type { GenerationRegistry } from './generation.registry';

/**
 * A message into a chat whose previous answer is still being generated answers
 * `Bad_Request` "The chat is in progress!" (pedrofariasx #9; Staks-sor/ai-free sees it as code
 * Bad_Request too, fixture `staks-sor-ai-free-2026-08-chat-in-progress.json`).
 */
export function checkNoGenerationRunning(chatId: string, generations: GenerationRegistry): Checked<void> {
  if (!generations.isRunning(chatId)) return passed(undefined);
  return refused(badRequest('The chat is in progress!'), `chat ${chatId} is still generating an earlier answer (not stopped, not finished)`);
}
