import { buildFileAttachment, QwenFileUploader, signOssRequest } from '@qwen-proxy/qwen';
import { startFakeQwen, type FakeQwen, type IssuedAccount } from './index';
import { QwenBrowserClient, completionBody } from './spec-support/qwen-browser.client';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

interface Ticket {
  access_key_id: string;
  access_key_secret: string;
  security_token: string;
  file_url: string;
  file_path: string;
  file_id: string;
  bucketname: string;
  region: string;
}

describe('fake chat.qwen.ai: uploads (STS ticket, signed OSS PUT, attached files)', () => {
  let fake: FakeQwen;
  let account: IssuedAccount;
  let client: QwenBrowserClient;

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  beforeEach(() => {
    fake.reset();
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
  });
  afterAll(() => fake.close());

  async function ticketFor(body: Record<string, unknown> = { filename: 'cat.png', filesize: PNG.length, filetype: 'image' }): Promise<Ticket> {
    const answer = (await (await client.post('/api/v2/files/getstsToken', body)).json()) as { success: boolean; data: Ticket };
    expect(answer.success).toBe(true);
    return answer.data;
  }

  function signedPut(ticket: Ticket, options: { secret?: string; contentType?: string; bytes?: Buffer } = {}): Promise<Response> {
    const url = new URL(ticket.file_url);
    url.search = '';
    const signed = signOssRequest({
      method: 'PUT',
      bucket: ticket.bucketname,
      objectKey: ticket.file_path,
      headers: { 'content-type': options.contentType ?? 'image/png' },
      credentials: { accessKeyId: ticket.access_key_id, accessKeySecret: options.secret ?? ticket.access_key_secret, securityToken: ticket.security_token },
      region: ticket.region.replace(/^oss-/, ''),
      now: new Date(),
    });
    return fetch(url, { method: 'PUT', headers: signed.headers, body: options.bytes ?? PNG });
  }

  it('hands out an STS ticket whose file_url points back at the fake', async () => {
    const ticket = await ticketFor();
    expect(ticket).toMatchObject({
      access_key_id: expect.stringMatching(/^STS\./),
      security_token: expect.any(String),
      file_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      bucketname: 'qwen-webui-prod',
      region: 'oss-ap-southeast-1',
      file_path: expect.stringContaining(`${account.id}/`),
    });
    expect(ticket.file_url.startsWith(`${fake.url}/oss/qwen-webui-prod/`)).toBe(true);
    expect(fake.uploads.get(ticket.file_id)).toMatchObject({ filename: 'cat.png', filetype: 'image', accountId: account.id, putCount: 0 });
  });

  it('refuses a ticket request with a bad body or without a login', async () => {
    const bad = await client.post('/api/v2/files/getstsToken', { filename: 'x.png', filesize: 10, filetype: 'picture' });
    expect(await bad.json()).toMatchObject({ success: false, data: { code: 'Bad_Request' } });
    const anonymous = await fetch(`${fake.url}/api/v2/files/getstsToken`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('stores the bytes of a correctly signed PUT and serves them at the file_url', async () => {
    const ticket = await ticketFor();
    const put = await signedPut(ticket);
    expect(put.status).toBe(200);
    expect(fake.uploads.get(ticket.file_id)).toMatchObject({ bytes: PNG, contentType: 'image/png', putCount: 1 });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', body: { bytes: PNG.length }, outcome: { status: 'answered', httpStatus: 200 } });
    const download = await fetch(ticket.file_url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);
  });

  it('refuses a PUT signed with the wrong secret, with OSS\'s XML error', async () => {
    const ticket = await ticketFor();
    const put = await signedPut(ticket, { secret: 'not-the-secret' });
    expect(put.status).toBe(403);
    expect(await put.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(fake.uploads.get(ticket.file_id)!.bytes).toBeUndefined();
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ status: 'rejected', code: 'SignatureDoesNotMatch' });
  });

  it('refuses an unsigned PUT and a PUT to an object nobody asked a ticket for', async () => {
    const ticket = await ticketFor();
    const unsigned = await fetch(new URL(new URL(ticket.file_url).pathname, fake.url), { method: 'PUT', body: PNG });
    expect(unsigned.status).toBe(403);
    const stray = await fetch(`${fake.url}/oss/qwen-webui-prod/somebody/else.png`, { method: 'PUT', body: PNG });
    expect(await stray.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('accepts the upload of the proxy\'s own uploader, and a completion that attaches it', async () => {
    const uploader = new QwenFileUploader({ baseUrl: fake.url });
    const uploaded = await uploader.upload({ token: account.token, cookies: account.cookies }, { bytes: PNG, filename: 'cat.png', mediaType: 'image/png' });
    await uploader.close();
    expect(fake.uploads.get(uploaded.fileId)).toMatchObject({ bytes: PNG, putCount: 1 });

    const chatId = await client.createChat();
    const body = completionBody({ chatId, parentId: null, content: 'What is this?' });
    body.messages[0]!.files = [imageAttachment(uploaded.fileId, uploaded.fileUrl, PNG.length)];
    const response = await client.postCompletion(chatId, body);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await response.text();
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ status: 'streamed' });
  });

  it('refuses a completion attaching a file that was never uploaded or is presented wrongly', async () => {
    const ticket = await ticketFor();
    const chatId = await client.createChat();
    const body = completionBody({ chatId, parentId: null, content: 'What is this?' });
    body.messages[0]!.files = [imageAttachment(ticket.file_id, ticket.file_url, PNG.length)];
    expect(await (await client.postCompletion(chatId, body)).json()).toMatchObject({ data: { code: 'Bad_Request' } });
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ reason: expect.stringContaining('never uploaded') });

    await signedPut(ticket);
    body.messages[0]!.files = [{ ...imageAttachment(ticket.file_id, ticket.file_url, PNG.length), file_class: 'document' }];
    await client.postCompletion(chatId, body);
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ status: 'rejected', reason: expect.stringContaining('file_class') });
  });

  it('notes a video presented as a document, and takes the browser\'s video presentation without a note (D6)', async () => {
    const video = Buffer.from('not really an mp4');
    const uploader = new QwenFileUploader({ baseUrl: fake.url });
    const uploaded = await uploader.upload({ token: account.token, cookies: account.cookies }, { bytes: video, filename: 'clip.mp4', mediaType: 'video/mp4' });
    await uploader.close();
    const chatId = await client.createChat();
    const send = async (attachment: Record<string, unknown>) => {
      const body = completionBody({ chatId, parentId: null, content: 'What happens in it?' });
      body.messages[0]!.files = [attachment];
      await (await client.postCompletion(chatId, body)).text();
      return fake.requests.at(-1)!;
    };

    const asBrowser = await send(buildFileAttachment(uploaded, { newId: () => 'item' }));
    expect(asBrowser.outcome).toMatchObject({ status: 'streamed' });
    expect(asBrowser.notes.filter((note) => note.includes('files['))).toEqual([]);

    const asDocument = await send({ ...buildFileAttachment(uploaded, { newId: () => 'item' }), type: 'file', showType: 'file', file_class: 'document', file: { created_at: 1_772_622_851 } });
    expect(asDocument.outcome).toMatchObject({ status: 'streamed' });
    expect(asDocument.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/a video presented as "file".*cannot see it/), expect.stringMatching(/created_at 1772622851 is not in milliseconds/)]),
    );
  });

  it('wants a document parsed before it is attached', async () => {
    const text = Buffer.from('hello document');
    const ticket = await ticketFor({ filename: 'notes.txt', filesize: text.length, filetype: 'document' });
    await signedPut(ticket, { contentType: 'text/plain', bytes: text });
    const chatId = await client.createChat();
    const body = completionBody({ chatId, parentId: null, content: 'Summarise' });
    body.messages[0]!.files = [{ ...imageAttachment(ticket.file_id, ticket.file_url, text.length), type: 'file', showType: 'file', file_class: 'document', file_type: 'text/plain' }];
    await client.postCompletion(chatId, body);
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ status: 'rejected', reason: expect.stringContaining('before POST /api/v2/files/parse') });

    await client.post('/api/v2/files/parse', { file_id: ticket.file_id });
    const status = (await (await client.post('/api/v2/files/parse/status', { file_id_list: [ticket.file_id] })).json()) as { data: unknown };
    expect(status.data).toEqual([{ file_id: ticket.file_id, status: 'success' }]);
    await (await client.postCompletion(chatId, body)).text();
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ status: 'streamed' });
  });
});

function imageAttachment(fileId: string, fileUrl: string, size: number): Record<string, unknown> {
  return {
    type: 'image',
    file: { id: fileId, filename: 'cat.png' },
    id: fileId,
    url: fileUrl,
    name: 'cat.png',
    size,
    status: 'uploaded',
    file_type: 'image/png',
    showType: 'image',
    file_class: 'vision',
  };
}
