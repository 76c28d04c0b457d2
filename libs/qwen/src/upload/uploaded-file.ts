import type { QwenUploadFileType } from './upload-file-kind';

/** A file stored in Qwen's bucket and ready to attach to a completion. */
export interface QwenUploadedFile {
  fileId: string;
  /** The URL Qwen handed out (with its signed query): what the completion attaches. */
  fileUrl: string;
  filename: string;
  size: number;
  mediaType: string;
  fileType: QwenUploadFileType;
  /** Epoch milliseconds. */
  uploadedAt: number;
}
