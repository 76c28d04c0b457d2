/** The `filetype` of `getstsToken`: what kind of file Qwen should expect. */
export type QwenUploadFileType = 'image' | 'video' | 'audio' | 'document' | 'file';

/** Document types Qwen's web UI parses for a model to read. */
const documentMediaTypes = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/json',
  'application/xml',
]);

/** The STS `filetype` for a media type; `text/*` counts as a document. */
export function uploadFileTypeOf(mediaType: string): QwenUploadFileType {
  const normalised = mediaType.toLowerCase();
  if (normalised.startsWith('image/')) return 'image';
  if (normalised.startsWith('video/')) return 'video';
  if (normalised.startsWith('audio/')) return 'audio';
  if (normalised.startsWith('text/') || documentMediaTypes.has(normalised)) return 'document';
  return 'file';
}

/** Only documents go through Qwen's parser (`/api/v2/files/parse`) before a model can read them. */
export function needsParsing(fileType: QwenUploadFileType): boolean {
  return fileType === 'document';
}
