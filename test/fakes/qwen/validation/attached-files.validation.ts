import { z } from 'zod';
import { badRequest } from '../failures/qwen-error.replies';
import type { FakeUpload, UploadStore } from '../uploads/upload.store';
import { passed, refused, type Checked } from './rejection';

/** One entry of `messages[0].files`, as the web UI attaches an uploaded file (protocol §3). */
const attachedFileSchema = z.looseObject({
  type: z.enum(['image', 'file', 'video', 'audio']),
  file: z.looseObject({}),
  id: z.string(),
  url: z.string(),
  name: z.string(),
  size: z.number().int(),
  status: z.literal('uploaded'),
  file_type: z.string(),
  showType: z.string(),
  file_class: z.string(),
});

/** How each kind of upload must be presented. */
const PRESENTATION: Record<string, { type: string; showType: string; fileClass: string }> = {
  image: { type: 'image', showType: 'image', fileClass: 'vision' },
  document: { type: 'file', showType: 'file', fileClass: 'document' },
};

/**
 * Every attached file must be one this account uploaded: a ticket it asked for, a signed PUT that
 * stored the bytes, the same URL, size and type, presented as its kind; documents parsed first.
 */
export function checkAttachedFiles(files: readonly unknown[], uploads: UploadStore, accountId: string): Checked<FakeUpload[]> {
  const attached: FakeUpload[] = [];
  for (const [index, entry] of files.entries()) {
    const where = `messages[0].files[${index}]`;
    const parsed = attachedFileSchema.safeParse(entry);
    if (!parsed.success) {
      return refused(badRequest(), `${where}: ${z.prettifyError(parsed.error)}`);
    }
    const file = parsed.data;
    const upload = uploads.byFileId.get(file.id);
    if (!upload || upload.accountId !== accountId) {
      return refused(badRequest(), `${where}.id ${file.id} is not a file this account asked an upload ticket for`);
    }
    if (!upload.bytes) {
      return refused(badRequest(), `${where}: file ${file.id} was never uploaded (no signed PUT was accepted)`);
    }
    if (file.url !== upload.fileUrl) {
      return refused(badRequest(), `${where}.url is not the file_url getstsToken handed out`);
    }
    if (file.size !== upload.bytes.length) {
      return refused(badRequest(), `${where}.size ${file.size} differs from the ${upload.bytes.length} bytes uploaded`);
    }
    if (file.file_type !== upload.contentType) {
      return refused(badRequest(), `${where}.file_type ${file.file_type} differs from the uploaded content-type ${String(upload.contentType)}`);
    }
    const presentation = PRESENTATION[upload.filetype];
    if (presentation && (file.type !== presentation.type || file.showType !== presentation.showType || file.file_class !== presentation.fileClass)) {
      return refused(
        badRequest(),
        `${where}: a ${upload.filetype} is attached as type "${presentation.type}", showType "${presentation.showType}", file_class "${presentation.fileClass}", got "${file.type}", "${file.showType}", "${file.file_class}"`,
      );
    }
    if (upload.filetype === 'document' && !upload.parsed) {
      return refused(badRequest(), `${where}: document ${file.id} was attached before POST /api/v2/files/parse`);
    }
    attached.push(upload);
  }
  return passed(attached);
}
