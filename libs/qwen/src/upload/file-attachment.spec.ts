import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFileAttachment } from './file-attachment';

describe(buildFileAttachment.name, () => {
  const file = { fileId: 'f1', fileUrl: 'https://oss/x.png?sig', filename: 'x.png', size: 10, mediaType: 'image/png', fileType: 'image' as const, uploadedAt: 1_772_726_060_123 };

  it('presents an image as the web UI does (protocol §3)', () => {
    expect(buildFileAttachment(file, { newId: () => 'id' })).toEqual({
      type: 'image',
      file: { created_at: 1_772_726_060_123, data: {}, filename: 'x.png', hash: null, id: 'f1', meta: { name: 'x.png', size: 10, content_type: 'image/png' }, update_at: 1_772_726_060_123 },
      id: 'f1',
      url: 'https://oss/x.png?sig',
      name: 'x.png',
      collection_name: '',
      progress: 0,
      status: 'uploaded',
      greenNet: 'success',
      size: 10,
      error: '',
      itemId: 'id',
      file_type: 'image/png',
      showType: 'image',
      file_class: 'vision',
      uploadTaskId: 'id',
    });
  });

  it('presents a parsed document as the FE 0.2.81 descriptor does (progress 100, context full, parse_meta success)', () => {
    expect(buildFileAttachment({ ...file, filename: 'a.pdf', mediaType: 'application/pdf', fileType: 'document' }, { newId: () => 'id' })).toMatchObject({
      type: 'file',
      showType: 'file',
      file_class: 'document',
      file_type: 'application/pdf',
      progress: 100,
      context: 'full',
      file: { name: 'a.pdf', size: 10, type: 'application/pdf', meta: { parse_meta: { parse_status: 'success' } } },
    });
  });

  it('presents a video exactly as the browser capture does (smanx 2026-03-04), timestamps in milliseconds', () => {
    const captured = (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'real', 'smanx-2026-03-04-video-completion.files.json'), 'utf8')) as { files: Record<string, unknown>[] }).files[0]!;
    const file = captured['file'] as { id: string; created_at: number; meta: { name: string; size: number; content_type: string } };
    const built = buildFileAttachment(
      { fileId: file.id, fileUrl: captured['url'] as string, filename: file.meta.name, size: file.meta.size, mediaType: file.meta.content_type, fileType: 'video', uploadedAt: file.created_at },
      { newId: () => 'id' },
    );
    // Everything but the two ids the browser draws at random.
    expect({ ...built, itemId: captured['itemId'], uploadTaskId: captured['uploadTaskId'] }).toEqual(captured);
  });

  it('presents audio as audio/audio/audio', () => {
    expect(buildFileAttachment({ ...file, mediaType: 'audio/mpeg', fileType: 'audio' }, { newId: () => 'id' })).toMatchObject({
      type: 'audio',
      showType: 'audio',
      file_class: 'audio',
    });
  });

  it('attaches a file Qwen does not parse (an archive) without claiming it was parsed', () => {
    const built = buildFileAttachment({ ...file, mediaType: 'application/zip', fileType: 'file' }, { newId: () => 'id' });
    expect(built).toMatchObject({ type: 'file', file_class: 'document', progress: 0 });
    expect(built).not.toHaveProperty('context');
  });
});
