import type { QwenFileAttachment } from '../completion-body';
import type { QwenUploadFileType } from './upload-file-kind';
import type { QwenUploadedFile } from './uploaded-file';

export interface FileAttachmentParameters {
  newId: () => string;
}

/**
 * How the web UI labels each kind (`type` / `showType` / `file_class`) and what its moderation
 * flag says at send time. Browser captures (smanx, 2026-03): image `image/image/vision` with
 * `greenNet:"success"`, video `video/video/video` with `greenNet:"greening"` (still being checked).
 * Audio `audio/audio/audio` (g4f `prepare_files`; its `greenNet` is not captured: taken as video's).
 */
const presentations: Record<QwenUploadFileType, { type: string; showType: string; fileClass: string; greenNet: string }> = {
  image: { type: 'image', showType: 'image', fileClass: 'vision', greenNet: 'success' },
  video: { type: 'video', showType: 'video', fileClass: 'video', greenNet: 'greening' },
  audio: { type: 'audio', showType: 'audio', fileClass: 'audio', greenNet: 'greening' },
  document: { type: 'file', showType: 'file', fileClass: 'document', greenNet: 'success' },
  file: { type: 'file', showType: 'file', fileClass: 'document', greenNet: 'success' },
};

/**
 * An uploaded file as the web UI attaches it to a message (protocol §3, audit D6). Timestamps are
 * milliseconds, as every capture shows (1772622851679). A document reaches the message already
 * parsed (`files/parse` answered success), and the FE 0.2.81 descriptor (weselow d339974, 2026-08)
 * marks it so: `progress:100`, `context:"full"`, `file.meta.parse_meta.parse_status:"success"`,
 * and `file.name/size/type`. Pure, so specs compare whole objects.
 */
export function buildFileAttachment(file: QwenUploadedFile, parameters: FileAttachmentParameters): QwenFileAttachment {
  const presentation = presentations[file.fileType];
  // Only documents went through `files/parse`; another file (an archive…) is attached as it is.
  const isDocument = file.fileType === 'document';
  const meta: Record<string, unknown> = { name: file.filename, size: file.size, content_type: file.mediaType };
  if (isDocument) meta['parse_meta'] = { parse_status: 'success' };
  return {
    type: presentation.type,
    file: {
      created_at: file.uploadedAt,
      data: {},
      filename: file.filename,
      hash: null,
      id: file.fileId,
      meta,
      update_at: file.uploadedAt,
      ...(isDocument ? { name: file.filename, size: file.size, type: file.mediaType } : {}),
    },
    id: file.fileId,
    url: file.fileUrl,
    name: file.filename,
    collection_name: '',
    progress: isDocument ? 100 : 0,
    status: 'uploaded',
    greenNet: presentation.greenNet,
    size: file.size,
    error: '',
    itemId: parameters.newId(),
    file_type: file.mediaType,
    showType: presentation.showType,
    file_class: presentation.fileClass,
    uploadTaskId: parameters.newId(),
    ...(isDocument ? { context: 'full' } : {}),
  };
}
