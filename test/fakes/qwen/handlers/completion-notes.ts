import type { FakeChat } from '../chats/chat.store';
import type { CompletionRequest } from '../validation/completion-request.validation';

/**
 * What the real service accepts but answers differently, worth a note on the recorded request:
 * a proxy that triggers one of these will show a subtle bug rather than an error.
 */
export function completionNotes(request: CompletionRequest, chat: FakeChat): string[] {
  const notes: string[] = [];
  if (!request.features.incrementalOutput) {
    notes.push('incremental_output is not true: answer frames carry whole-text snapshots, not deltas');
  }
  if (!request.features.phaseSchema) {
    notes.push('feature_config.output_schema is not "phase": frames lose their phase and the answer comes back empty');
  }
  if (request.parentId === null && chat.messages.length > 0) {
    notes.push('parent_id is null on a chat that already has turns: a new branch starts and the earlier turns are forgotten');
  }
  return notes;
}
