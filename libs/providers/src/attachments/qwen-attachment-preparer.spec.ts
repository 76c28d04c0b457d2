import { BadRequestError, type ChatMessage } from '@qwen-proxy/contracts';
import type { QwenCredentials, QwenUploadedFile, QwenUploadInput } from '@qwen-proxy/qwen';
import type { QwenAccountLease } from '../qwen-web/account-source';
import { FetchRefusedError } from './fetch-refusal';
import { QwenAttachmentPreparer } from './qwen-attachment-preparer';
import type { RemoteFileFetcher } from './remote-file-fetcher';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const pngDataUrl = `data:image/png;base64,${PNG.toString('base64')}`;

function lease(id = 'account-1'): QwenAccountLease {
  return { id, label: id, credentials: { token: `token-${id}`, cookies: '' }, release: () => undefined };
}

function userMessage(...content: Exclude<ChatMessage['content'], string | null>): ChatMessage {
  return { role: 'user', content };
}

describe(QwenAttachmentPreparer.name, () => {
  let uploads: Array<{ credentials: QwenCredentials; input: QwenUploadInput }>;
  let fetched: string[];
  let fetchAnswer: (url: string) => Promise<{ bytes: Buffer; mediaType: string; url: string; filename?: string }>;
  let sut: QwenAttachmentPreparer;

  beforeEach(() => {
    uploads = [];
    fetched = [];
    fetchAnswer = async (url) => ({ bytes: PNG, mediaType: 'image/png', url, filename: 'remote.png' });
    const fetcher: Pick<RemoteFileFetcher, 'fetch' | 'maxBytes'> = {
      maxBytes: 1024,
      fetch: (url) => {
        fetched.push(url);
        return fetchAnswer(url);
      },
    };
    let counter = 0;
    sut = new QwenAttachmentPreparer({
      fetcher,
      newId: () => `id-${++counter}`,
      uploaderFor: () => ({
        upload: async (credentials, input): Promise<QwenUploadedFile> => {
          uploads.push({ credentials, input });
          const fileType = input.mediaType.startsWith('image/') ? 'image' : 'document';
          return { fileId: `file-${uploads.length}`, fileUrl: `https://oss.example/file-${uploads.length}?signed`, filename: input.filename, size: input.bytes.length, mediaType: input.mediaType, fileType, uploadedAt: 1_772_726_060_000 };
        },
      }),
    });
  });

  it('uploads nothing for text-only messages', async () => {
    expect(await sut.prepare([{ role: 'user', content: 'Hello' }], lease(), new AbortController().signal)).toEqual([]);
    expect(uploads).toEqual([]);
  });

  it('uploads a data URI image and attaches it as the web UI does', async () => {
    const files = await sut.prepare([userMessage({ type: 'text', text: 'What is it?' }, { type: 'image', url: pngDataUrl })], lease(), new AbortController().signal);
    expect(uploads).toEqual([{ credentials: lease().credentials, input: { bytes: PNG, filename: 'image.png', mediaType: 'image/png' } }]);
    expect(files).toEqual([
      expect.objectContaining({
        type: 'image',
        id: 'file-1',
        url: 'https://oss.example/file-1?signed',
        name: 'image.png',
        size: PNG.length,
        status: 'uploaded',
        file_type: 'image/png',
        showType: 'image',
        file_class: 'vision',
        file: expect.objectContaining({ id: 'file-1', filename: 'image.png', meta: { name: 'image.png', size: PNG.length, content_type: 'image/png' } }),
      }),
    ]);
  });

  it('fetches http(s) images through the fetcher and names them after the URL', async () => {
    await sut.prepare([userMessage({ type: 'image', url: 'https://images.example/remote.png' })], lease(), new AbortController().signal);
    expect(fetched).toEqual(['https://images.example/remote.png']);
    expect(uploads[0]!.input.filename).toBe('remote.png');
  });

  it('uploads the same bytes once per account: within a request, and across requests', async () => {
    const messages = [userMessage({ type: 'image', url: pngDataUrl }, { type: 'image', url: 'https://images.example/remote.png' })];
    expect(await sut.prepare(messages, lease(), new AbortController().signal)).toHaveLength(1);
    await sut.prepare(messages, lease(), new AbortController().signal);
    expect(uploads).toHaveLength(1);
    await sut.prepare(messages, lease('account-2'), new AbortController().signal);
    expect(uploads).toHaveLength(2);
  });

  it('uploads documents from file parts, typed by their name when the data says nothing', async () => {
    const files = await sut.prepare(
      [userMessage({ type: 'file', data: Buffer.from('%PDF-1.7 hello').toString('base64'), filename: 'report.pdf' })],
      lease(),
      new AbortController().signal,
    );
    expect(uploads[0]!.input).toMatchObject({ filename: 'report.pdf', mediaType: 'application/pdf' });
    expect(files[0]).toMatchObject({ type: 'file', showType: 'file', file_class: 'document', file_type: 'application/pdf' });
  });

  it('refuses with a 400 that names the part and the reason', async () => {
    fetchAnswer = async () => {
      throw new FetchRefusedError('forbidden-address', 'localhost resolves to 127.0.0.1, a loopback address; only public addresses are fetched');
    };
    const messages: ChatMessage[] = [{ role: 'system', content: 'Be brief' }, userMessage({ type: 'text', text: 'Look' }, { type: 'image', url: 'http://localhost/x.png' })];
    const error = await sut.prepare(messages, lease(), new AbortController().signal).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      code: 'image_url_refused',
      param: 'messages[1].content[1].image_url',
      details: { reason: 'forbidden-address' },
      message: expect.stringContaining('loopback address'),
    });
    expect(uploads).toEqual([]);
  });

  it('counts messages from where the sent ones start in the request', async () => {
    const notImage = `data:image/png;base64,${Buffer.from('<html>').toString('base64')}`;
    await expect(
      sut.prepare([userMessage({ type: 'image', url: notImage })], lease(), new AbortController().signal, { firstMessageIndex: 4 }),
    ).rejects.toMatchObject({ param: 'messages[4].content[0].image_url' });
  });

  it('refuses data that is not an image, and files of unknown types', async () => {
    const notImage = `data:image/png;base64,${Buffer.from('<html>').toString('base64')}`;
    await expect(sut.prepare([userMessage({ type: 'image', url: notImage })], lease(), new AbortController().signal)).rejects.toMatchObject({
      code: 'image_url_refused',
      details: { reason: 'wrong-type' },
      message: expect.stringContaining('not a PNG, JPEG, GIF or WebP image (declared image/png)'),
    });
    await expect(
      sut.prepare([userMessage({ type: 'file', data: Buffer.from('MZ').toString('base64'), filename: 'tool.exe' })], lease(), new AbortController().signal),
    ).rejects.toMatchObject({ code: 'file_refused', param: 'messages[0].content[0].file' });
  });

  it('refuses data over the size limit', async () => {
    const big = `data:image/png;base64,${Buffer.alloc(4096).toString('base64')}`;
    await expect(sut.prepare([userMessage({ type: 'image', url: big })], lease(), new AbortController().signal)).rejects.toMatchObject({ details: { reason: 'too-large' } });
  });
});
