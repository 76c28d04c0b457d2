import { completionBodyTooLargeError, type QwenFileAttachment } from '@qwen-proxy/qwen';
import { type FoldedPrompt, joinFoldedPrompt } from './prompt-folding';

/** The file name Qwen shows for the externalised context. */
export const contextDocumentName = 'conversation-context.txt';

export interface BodyFittingInput {
  prompt: FoldedPrompt;
  /** Attachments of the messages themselves (images, files). */
  files?: QwenFileAttachment[];
  /** The serialized completion body's size for a content and attachments. */
  measure(content: string, files: QwenFileAttachment[] | undefined): number;
  /** Largest body sent as is. */
  limitBytes: number;
  /** Uploads a text document and returns it as an attachment; absent: nothing can be moved out. */
  uploadDocument?: (text: string, filename: string) => Promise<QwenFileAttachment>;
}

export interface FittedMessage {
  content: string;
  files?: QwenFileAttachment[];
  bodyBytes: number;
  /** What went into the uploaded document, when something did. */
  externalised?: 'context' | 'everything';
}

const contextNote =
  `[Context]\nThe system instructions, the tools and the conversation so far are in the attached document "${contextDocumentName}". ` +
  'Read all of it first and follow it exactly as if it were written here; then answer the current message.';
const everythingNote =
  `[Context]\nThis whole message (instructions, tools, the conversation so far and the current message) is in the attached ` +
  `document "${contextDocumentName}". Read all of it and answer its [Current message] section, following its instructions exactly.`;

/**
 * Keeps a completion body under Qwen's ~128 KiB captcha cliff (audit B4). Above the limit the
 * new turn stays inline and the folded context (system prompt, tool schemas, earlier turns)
 * travels as an uploaded, parsed text document, as the web UI attaches files; the tools stay
 * inline too when they fit, since the call format must be obeyed. When even that is too large,
 * the whole message goes into the document. Rejects with a 413 when nothing fits or the upload
 * fails: never a body that buys a captcha.
 */
export async function fitCompletionBody(input: BodyFittingInput): Promise<FittedMessage> {
  const { prompt, files, measure, limitBytes } = input;
  const whole = joinFoldedPrompt(prompt);
  const wholeBytes = measure(whole, files);
  if (wholeBytes <= limitBytes) return { content: whole, files, bodyBytes: wholeBytes };
  if (!input.uploadDocument) throw completionBodyTooLargeError(wholeBytes, limitBytes, 'uploads are not available');

  const candidates: Array<{ document: string; content: string; externalised: FittedMessage['externalised'] }> = [];
  if (prompt.context) {
    const inlineTools = `${contextNote}\n\n${joinFoldedPrompt({ context: '', tools: prompt.tools, current: prompt.current })}`;
    const contextAndTools = joinFoldedPrompt({ ...prompt, current: '(see the message itself)' });
    candidates.push({ document: prompt.context, content: inlineTools, externalised: 'context' });
    candidates.push({ document: contextAndTools, content: `${contextNote}\n\n[Current message]\n${prompt.current}`, externalised: 'context' });
  } else if (prompt.tools) {
    candidates.push({ document: prompt.tools, content: `${contextNote}\n\n[Current message]\n${prompt.current}`, externalised: 'context' });
  }
  candidates.push({ document: whole, content: everythingNote, externalised: 'everything' });

  // Measured with a placeholder attachment: a descriptor's size does not depend on its text.
  for (const candidate of candidates) {
    let document: QwenFileAttachment;
    const placeholderBytes = measure(candidate.content, [...(files ?? []), placeholderAttachment()]);
    if (placeholderBytes > limitBytes) continue;
    try {
      document = await input.uploadDocument(candidate.document, contextDocumentName);
    } catch (error) {
      throw completionBodyTooLargeError(wholeBytes, limitBytes, error instanceof Error ? error.message : String(error));
    }
    const sentFiles = [...(files ?? []), document];
    return { content: candidate.content, files: sentFiles, bodyBytes: measure(candidate.content, sentFiles), externalised: candidate.externalised };
  }
  throw completionBodyTooLargeError(wholeBytes, limitBytes, 'even the current message alone is over the limit');
}

/** About the size of a real document descriptor (a URL with a signed query, ids, names). */
function placeholderAttachment(): QwenFileAttachment {
  return { placeholder: 'x'.repeat(2048) } as unknown as QwenFileAttachment;
}
