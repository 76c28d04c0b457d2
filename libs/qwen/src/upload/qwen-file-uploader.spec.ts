import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayError } from '@qwen-proxy/contracts';
import type { QwenCredentials } from '../qwen-credentials';
import { QwenFileUploader } from './qwen-file-uploader';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const credentials: QwenCredentials = { token: 'header.payload.signature', cookies: 'acw_tc=waf; token=header.payload.signature; ssxmod_itna=x' };
const bytes = Buffer.from('%PDF-1.7 tiny');

describe(QwenFileUploader.name, () => {
  let server: Server;
  let baseUrl: string;
  let received: Received[];
  let handle: (request: Received, response: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const entry = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) };
        received.push(entry);
        handle(entry, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  let parseStatuses: string[];
  beforeEach(() => {
    received = [];
    parseStatuses = ['pending', 'success'];
    handle = (request, response) => {
      const json = (value: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (request.path === '/api/v2/files/getstsToken') {
        return json({
          success: true,
          data: {
            access_key_id: 'STS.id',
            access_key_secret: 'secret',
            security_token: 'sts-token',
            file_url: `${baseUrl}/bucket-name/user/report%20v1.pdf?Expires=1&Signature=x`,
            file_path: 'user/report v1.pdf',
            file_id: 'file-1',
            bucketname: 'bucket-name',
            region: 'oss-ap-southeast-1',
            endpoint: 'oss-accelerate.aliyuncs.com',
          },
        });
      }
      if (request.method === 'PUT') return response.writeHead(200).end();
      if (request.path === '/api/v2/files/parse') return json({ success: true, data: {} });
      if (request.path === '/api/v2/files/parse/status') return json({ success: true, data: [{ file_id: 'file-1', status: parseStatuses.shift() ?? 'success' }] });
      response.writeHead(404).end();
    };
  });

  function uploader(): QwenFileUploader {
    return new QwenFileUploader({ baseUrl }, { pollIntervalMs: 1, timeoutMs: 1_000 });
  }

  it('asks for a ticket, PUTs the bytes signed without the account cookies, then waits for the parse', async () => {
    const sut = uploader();
    const file = await sut.upload(credentials, { bytes, filename: 'report v1.pdf', mediaType: 'application/pdf' });
    await sut.close();
    expect(received.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v2/files/getstsToken',
      'PUT /bucket-name/user/report%20v1.pdf',
      'POST /api/v2/files/parse',
      'POST /api/v2/files/parse/status',
      'POST /api/v2/files/parse/status',
    ]);
    expect(JSON.parse(received[0]!.body.toString())).toEqual({ filename: 'report v1.pdf', filesize: bytes.length, filetype: 'document' });
    expect(received[0]!.headers).toMatchObject({ authorization: `Bearer ${credentials.token}`, source: 'web' });
    const put = received[1]!;
    expect(put.body).toEqual(bytes);
    expect(put.headers.cookie).toBeUndefined();
    expect(put.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-oss-security-token': 'sts-token', 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(put.headers.authorization).toMatch(/^OSS4-HMAC-SHA256 Credential=STS\.id\/\d{8}\/ap-southeast-1\/oss\/aliyun_v4_request,Signature=/);
    expect(file).toMatchObject({ fileId: 'file-1', fileUrl: expect.stringContaining('?Expires=1'), size: bytes.length, fileType: 'document' });
  });

  it('does not ask Qwen to parse images', async () => {
    const sut = uploader();
    await sut.upload(credentials, { bytes, filename: 'a.png', mediaType: 'image/png' });
    await sut.close();
    expect(received.map((request) => request.path)).toEqual(['/api/v2/files/getstsToken', '/bucket-name/user/report%20v1.pdf']);
  });

  it("turns OSS's XML refusal into a qwen_upload_failed error naming the OSS code", async () => {
    handle = ((original) => (request: Received, response: ServerResponse) => {
      if (request.method !== 'PUT') return original(request, response);
      response.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>');
    })(handle);
    const sut = uploader();
    const error = (await sut.upload(credentials, { bytes, filename: 'a.png', mediaType: 'image/png' }).catch((caught: unknown) => caught)) as GatewayError;
    await sut.close();
    expect(error).toMatchObject({ status: 502, code: 'qwen_upload_failed', details: { ossCode: 'SignatureDoesNotMatch' } });
  });

  it("classifies Qwen's own refusal of the ticket like any Qwen call (an expired login)", async () => {
    handle = (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, data: { code: 'unauthorized', details: 'Token has expired, please log in again.' } }));
    const sut = uploader();
    await expect(sut.upload(credentials, { bytes, filename: 'a.png', mediaType: 'image/png' })).rejects.toMatchObject({ code: 'qwen_token_expired', credentialEffect: 'invalid' });
    await sut.close();
  });

  it('reports a document Qwen could not read', async () => {
    parseStatuses = ['failed'];
    const sut = uploader();
    await expect(sut.upload(credentials, { bytes, filename: 'r.pdf', mediaType: 'application/pdf' })).rejects.toMatchObject({ status: 400, code: 'qwen_file_parse_failed' });
    await sut.close();
  });
});
