import { uploadFileTypeOf } from '@qwen-proxy/qwen';

/** Media types by file name extension, for files sent without one. */
const mediaTypesByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** Every document type Qwen parses, for the `Accept` of a fetched file. */
export const acceptedDocumentTypes: readonly string[] = [...new Set(Object.values(mediaTypesByExtension))].filter(
  (mediaType) => uploadFileTypeOf(mediaType) === 'document',
);

export function mediaTypeOfFilename(filename: string | undefined): string | undefined {
  const extension = filename?.split('.').pop()?.toLowerCase();
  return extension ? mediaTypesByExtension[extension] : undefined;
}

/** Whether Qwen reads this type as a document. */
export function isDocumentType(mediaType: string): boolean {
  return uploadFileTypeOf(mediaType) === 'document';
}
