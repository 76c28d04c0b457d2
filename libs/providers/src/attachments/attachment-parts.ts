import type { ChatMessage, ContentPart } from '@qwen-proxy/contracts';

/** An image or a file of a message, with where it sits in the request for error messages. */
export type AttachmentPart =
  | { kind: 'image'; part: Extract<ContentPart, { type: 'image' }>; param: string }
  | { kind: 'file'; part: Extract<ContentPart, { type: 'file' }>; param: string };

/**
 * The images and files of the messages, in order. `param` counts messages from
 * `firstMessageIndex`, the position of the first of them in the client's request.
 */
export function attachmentPartsOf(messages: readonly ChatMessage[], firstMessageIndex = 0): AttachmentPart[] {
  const parts: AttachmentPart[] = [];
  messages.forEach((message, messageIndex) => {
    if (!Array.isArray(message.content)) return;
    message.content.forEach((part, partIndex) => {
      const at = `messages[${firstMessageIndex + messageIndex}].content[${partIndex}]`;
      if (part.type === 'image') parts.push({ kind: 'image', part, param: `${at}.image_url` });
      if (part.type === 'file') parts.push({ kind: 'file', part, param: `${at}.file` });
    });
  });
  return parts;
}
