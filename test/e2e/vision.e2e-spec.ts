import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { PublicAddressPolicy } from '@qwen-proxy/providers';
import { QwenAttachments } from '../../apps/api/src/qwen/qwen-attachments';
import { acceptedCompletions, startTestStack, type TestStack } from './support/test-stack';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A valid PNG with a tag after its end, so each test has bytes of its own (uploads are cached by content). */
function pngTagged(tag: string): Buffer {
  return Buffer.concat([PNG, Buffer.from(tag)]);
}

/** A loopback image host; `hits` lists the paths it was asked for. */
async function startImageHost(routes: Record<string, (response: import('node:http').ServerResponse) => void>) {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    const route = routes[request.url ?? ''];
    if (route) route(response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, hits, url: `http://127.0.0.1:${port}` };
}

type FileAttachment = { id: string; url: string; type: string; file_class: string; showType: string; status: string; size: number; file_type: string; name: string };

function attachedFiles(request: { body: unknown }): FileAttachment[] {
  return (request.body as { messages: Array<{ files: FileAttachment[] }> }).messages[0]!.files;
}

async function apiErrorOf(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe('vision: images and files through the official openai SDK', () => {
  let stack: TestStack;
  let publicHost: Awaited<ReturnType<typeof startImageHost>>;
  let privateHost: Awaited<ReturnType<typeof startImageHost>>;
  const remoteImage = pngTagged('remote');

  beforeAll(async () => {
    stack = await startTestStack();
    privateHost = await startImageHost({ '/secret.png': (response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG) });
    publicHost = await startImageHost({
      '/cat.png': (response) => response.writeHead(200, { 'content-type': 'image/png' }).end(remoteImage),
      '/to-private': (response) => response.writeHead(302, { location: `${privateHost.url}/secret.png` }).end(),
      '/page.html': (response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>not an image</html>'),
    });
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((resolve) => publicHost.server.close(resolve));
    await new Promise((resolve) => privateHost.server.close(resolve));
  });
  beforeEach(() => {
    stack.fake.reset();
    publicHost.hits.length = 0;
    privateHost.hits.length = 0;
  });
  afterEach(() => jest.restoreAllMocks());

  /**
   * Every test server lives on loopback, which the default policy refuses. This stands in for
   * "the public internet": the public host's address is allowed, everything else keeps the
   * default policy.
   */
  function treatPublicHostAsPublic(): void {
    const policy = stack.app.app.get(QwenAttachments).fetcher.policy;
    const testPolicy = new PublicAddressPolicy({ allowedTargets: [`127.0.0.1:${publicHost.port}`] });
    jest.spyOn(policy, 'refusalFor').mockImplementation((address, target) => testPolicy.refusalFor(address, target));
  }

  function uploadsOf(kind: 'ticket' | 'put' | 'parse') {
    const paths = { ticket: '/api/v2/files/getstsToken', parse: '/api/v2/files/parse' } as const;
    return stack.fake.requests.filter((request) => (kind === 'put' ? request.method === 'PUT' : request.path === paths[kind]));
  }

  it('uploads a data: URI image through STS and a signed OSS PUT, and attaches it to the completion', async () => {
    const image = pngTagged('data-uri');
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-vl-plus',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${image.toString('base64')}` } },
          ],
        },
      ],
    });
    expect(completion.choices[0]!.message.content).toContain('What is in this picture?');

    const [ticket] = uploadsOf('ticket');
    expect(ticket!.body).toEqual({ filename: 'image.png', filesize: image.length, filetype: 'image' });
    expect(ticket!.outcome).toMatchObject({ status: 'answered' });
    const puts = uploadsOf('put');
    expect(puts).toHaveLength(1);
    // The fake's OSS verified the V4 signature independently before answering 200.
    expect(puts[0]!.outcome).toEqual({ status: 'answered', httpStatus: 200 });
    expect(puts[0]!.headers.authorization).toMatch(/^OSS4-HMAC-SHA256 Credential=STS\.[^/]+\/\d{8}\/ap-southeast-1\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/);
    expect(puts[0]!.headers).toMatchObject({ 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD', 'content-type': 'image/png' });
    expect(puts[0]!.headers.cookie).toBeUndefined();

    const files = attachedFiles(acceptedCompletions(stack.fake)[0]!);
    expect(files).toHaveLength(1);
    const upload = stack.fake.uploads.get(files[0]!.id)!;
    expect(upload.bytes).toEqual(image);
    expect(files[0]).toMatchObject({ url: upload.fileUrl, type: 'image', file_class: 'vision', showType: 'image', status: 'uploaded', size: image.length, file_type: 'image/png' });
  });

  it('fetches an http image URL from an allowed host and uploads exactly its bytes', async () => {
    treatPublicHostAsPublic();
    const completion = await stack.openai.chat.completions.create({
      model: 'qwen3-vl-plus',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe' }, { type: 'image_url', image_url: { url: `${publicHost.url}/cat.png` } }] }],
    });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(publicHost.hits).toEqual(['/cat.png']);
    const files = attachedFiles(acceptedCompletions(stack.fake)[0]!);
    expect(files[0]).toMatchObject({ name: 'cat.png', type: 'image' });
    expect(stack.fake.uploads.get(files[0]!.id)!.bytes).toEqual(remoteImage);
  });

  it('uploads an image once when a conversation sends it again', async () => {
    const image = `data:image/png;base64,${pngTagged('twice').toString('base64')}`;
    const first = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Look' }, { type: 'image_url' as const, image_url: { url: image } }] }];
    const answer = await stack.openai.chat.completions.create({ model: 'qwen3-vl-plus', messages: first });
    await stack.openai.chat.completions.create({
      model: 'qwen3-vl-plus',
      messages: [
        ...first,
        { role: 'assistant', content: answer.choices[0]!.message.content },
        { role: 'user', content: [{ type: 'text', text: 'And this one again?' }, { type: 'image_url', image_url: { url: image } }] },
      ],
    });
    const completions = acceptedCompletions(stack.fake);
    expect(completions).toHaveLength(2);
    expect(uploadsOf('put')).toHaveLength(1);
    expect(uploadsOf('ticket')).toHaveLength(1);
    expect(attachedFiles(completions[1]!)[0]!.id).toBe(attachedFiles(completions[0]!)[0]!.id);
  });

  it('uploads a document from a file part, has Qwen parse it, and attaches it as a document', async () => {
    const text = Buffer.from('Quarterly numbers: up.');
    await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Summarise the file' },
            { type: 'file', file: { file_data: `data:text/plain;base64,${text.toString('base64')}`, filename: 'numbers.txt' } },
          ],
        },
      ],
    });
    expect(uploadsOf('ticket')[0]!.body).toMatchObject({ filename: 'numbers.txt', filetype: 'document' });
    expect(uploadsOf('parse')).toHaveLength(1);
    expect(attachedFiles(acceptedCompletions(stack.fake)[0]!)[0]).toMatchObject({ type: 'file', file_class: 'document', showType: 'file', file_type: 'text/plain' });
  });

  describe('SSRF guard', () => {
    it('refuses a loopback URL under the default policy with a 400 in OpenAI\'s error shape', async () => {
      const error = await apiErrorOf(
        stack.openai.chat.completions.create({
          model: 'qwen3-vl-plus',
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: `${privateHost.url}/secret.png` } }] }],
        }),
      );
      expect(error.status).toBe(400);
      expect(error.code).toBe('image_url_refused');
      expect(error.param).toBe('messages[0].content[1].image_url');
      expect(error.message).toContain('127.0.0.1 is a loopback address');
      expect(privateHost.hits).toEqual([]);
      expect(uploadsOf('ticket')).toEqual([]);
      expect(acceptedCompletions(stack.fake)).toEqual([]);
    });

    it('refuses a DNS name that resolves to loopback', async () => {
      const response = await stack.proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({
          model: 'qwen3-vl-plus',
          messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `http://localhost:${privateHost.port}/secret.png` } }] }],
        }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string; type: string; param: string; code: string } };
      expect(body.error).toMatchObject({ code: 'image_url_refused', param: 'messages[0].content[0].image_url', type: expect.any(String) });
      expect(body.error.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
      expect(privateHost.hits).toEqual([]);
    });

    it('re-checks redirects: an allowed host redirecting to a private address is refused', async () => {
      treatPublicHostAsPublic();
      const error = await apiErrorOf(
        stack.openai.chat.completions.create({
          model: 'qwen3-vl-plus',
          stream: true,
          messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `${publicHost.url}/to-private` } }] }],
        }),
      );
      expect(error.status).toBe(400);
      expect(error.code).toBe('image_url_refused');
      expect(publicHost.hits).toEqual(['/to-private']);
      expect(privateHost.hits).toEqual([]);
    });

    it('refuses what is not an image, naming the type', async () => {
      treatPublicHostAsPublic();
      const error = await apiErrorOf(
        stack.openai.chat.completions.create({
          model: 'qwen3-vl-plus',
          messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `${publicHost.url}/page.html` } }] }],
        }),
      );
      expect(error.status).toBe(400);
      expect(error.message).toContain('served as text/html');
    });
  });
});
