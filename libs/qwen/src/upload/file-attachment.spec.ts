import { buildFileAttachment } from './file-attachment';

describe(buildFileAttachment.name, () => {
  const file = { fileId: 'f1', fileUrl: 'https://oss/x.png?sig', filename: 'x.png', size: 10, mediaType: 'image/png', fileType: 'image' as const, uploadedAt: 1_772_726_060_123 };

  it('presents an image as the web UI does (protocol §3)', () => {
    expect(buildFileAttachment(file, { newId: () => 'id' })).toEqual({
      type: 'image',
      file: { created_at: 1_772_726_060, data: {}, filename: 'x.png', hash: null, id: 'f1', meta: { name: 'x.png', size: 10, content_type: 'image/png' }, update_at: 1_772_726_060 },
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

  it('presents a document as a file of class document', () => {
    expect(buildFileAttachment({ ...file, mediaType: 'application/pdf', fileType: 'document' }, { newId: () => 'id' })).toMatchObject({
      type: 'file',
      showType: 'file',
      file_class: 'document',
      file_type: 'application/pdf',
    });
  });
});
