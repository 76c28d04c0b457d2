import { z } from 'zod';
import { badRequest } from '../failures/qwen-error.replies';
import { UPLOAD_FILE_TYPES, type UploadFileType } from '../uploads/upload.store';
import { passed, refused, type Checked } from './rejection';

const ticketRequestSchema = z.looseObject({
  filename: z.string().min(1),
  filesize: z.number().int().positive(),
  filetype: z.enum(UPLOAD_FILE_TYPES),
});

/** What `POST /api/v2/files/getstsToken` announces. */
export interface UploadTicketRequest {
  filename: string;
  filesize: number;
  filetype: UploadFileType;
}

/** `{"filename","filesize","filetype"}`: a name, a size in bytes, one of the five file types. */
export function checkUploadTicketRequest(body: unknown): Checked<UploadTicketRequest> {
  const parsed = ticketRequestSchema.safeParse(body);
  if (!parsed.success) {
    return refused(badRequest(), `getstsToken body: ${z.prettifyError(parsed.error)}`);
  }
  const { filename, filesize, filetype } = parsed.data;
  return passed({ filename, filesize, filetype });
}
