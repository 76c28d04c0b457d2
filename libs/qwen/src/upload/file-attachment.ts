import type { QwenFileAttachment } from '../completion-body';
import type { QwenUploadedFile } from './uploaded-file';

export interface FileAttachmentParameters {
  newId: () => string;
}

/**
 * An uploaded file as the web UI attaches it to a message (protocol §3): images as `image` /
 * `vision`, everything else as `file` / `document`. Pure, so specs compare whole objects.
 */
export function buildFileAttachment(file: QwenUploadedFile, parameters: FileAttachmentParameters): QwenFileAttachment {
  const isImage = file.fileType === 'image';
  const seconds = Math.floor(file.uploadedAt / 1000);
  return {
    type: isImage ? 'image' : 'file',
    file: {
      created_at: seconds,
      data: {},
      filename: file.filename,
      hash: null,
      id: file.fileId,
      meta: { name: file.filename, size: file.size, content_type: file.mediaType },
      update_at: seconds,
    },
    id: file.fileId,
    url: file.fileUrl,
    name: file.filename,
    collection_name: '',
    progress: 0,
    status: 'uploaded',
    greenNet: 'success',
    size: file.size,
    error: '',
    itemId: parameters.newId(),
    file_type: file.mediaType,
    showType: isImage ? 'image' : 'file',
    file_class: isImage ? 'vision' : 'document',
    uploadTaskId: parameters.newId(),
  };
}
