import type { UploadStore } from '../uploads/upload.store';
import { timestampUnit } from './timestamp-unit';

/** How the browser presents each kind the real service accepts but may not show the model otherwise (audit D6). */
const MEDIA_PRESENTATION: Record<string, { type: string; showType: string; fileClass: string }> = {
  video: { type: 'video', showType: 'video', fileClass: 'video' },
  audio: { type: 'audio', showType: 'audio', fileClass: 'audio' },
};

interface AttachedEntry {
  id?: unknown;
  type?: unknown;
  showType?: unknown;
  file_class?: unknown;
  progress?: unknown;
  context?: unknown;
  file?: { created_at?: unknown; meta?: { parse_meta?: { parse_status?: unknown } } };
}

/**
 * Attachments the real service takes without complaint but likely handles worse: a video or
 * audio presented as a document (the model probably cannot see it), timestamps in seconds where
 * the browser sends milliseconds, a parsed document without the FE 0.2.81 markers (not proven
 * to matter). Notes on the recorded request, not rejections: nobody has seen the service refuse them.
 */
export function attachmentNotes(files: readonly unknown[], uploads: UploadStore): string[] {
  const notes: string[] = [];
  for (const [index, value] of files.entries()) {
    const entry = (typeof value === 'object' && value !== null ? value : {}) as AttachedEntry;
    const where = `messages[0].files[${index}]`;
    const upload = typeof entry.id === 'string' ? uploads.byFileId.get(entry.id) : undefined;
    const media = upload ? MEDIA_PRESENTATION[upload.filetype] : undefined;
    if (upload && media && (entry.type !== media.type || entry.showType !== media.showType || entry.file_class !== media.fileClass)) {
      notes.push(
        `${where}: a ${upload.filetype} presented as "${String(entry.type)}"/"${String(entry.showType)}"/"${String(entry.file_class)}" instead of ` +
          `"${media.type}"/"${media.showType}"/"${media.fileClass}": the model likely cannot see it`,
      );
    }
    const createdAt = entry.file?.created_at;
    if (typeof createdAt === 'number' && timestampUnit(createdAt) !== 'milliseconds') {
      notes.push(`${where}.file.created_at ${createdAt} is not in milliseconds, as the browser sends it`);
    }
    if (upload?.filetype === 'document' && (entry.progress !== 100 || entry.context !== 'full' || entry.file?.meta?.parse_meta?.parse_status !== 'success')) {
      notes.push(`${where}: a parsed document without progress:100, context:"full" and file.meta.parse_meta.parse_status:"success" (FE 0.2.81 descriptor)`);
    }
  }
  return notes;
}
