import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublicAddressPolicy } from './address-policy';
import { FetchRefusedError } from './fetch-refusal';
import type { HostLookup } from './guarded-connector';
import { RemoteFileFetcher } from './remote-file-fetcher';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const images = { mediaTypes: ['image/png'], description: 'a PNG image' };

type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A loopback server answering by path, counting what reached it. */
async function startServer(routes: Record<string, Route>): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    (routes[request.url ?? ''] ?? ((_request, reply: ServerResponse) => reply.writeHead(404).end()))(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

/** A DNS of our own: names resolve wherever the spec says. */
function lookupFrom(table: Record<string, string[]>): HostLookup {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address }));
  };
}

async function refusalOf(promise: Promise<unknown>): Promise<FetchRefusedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchRefusedError);
  return error as FetchRefusedError;
}

describe(RemoteFileFetcher.name, () => {
  let allowed: Awaited<ReturnType<typeof startServer>>;
  let forbidden: Awaited<ReturnType<typeof startServer>>;
  let fetcher: RemoteFileFetcher;
  const lookup = lookupFrom({
    'images.example': ['127.0.0.1'],
    'loopback.example': ['127.0.0.1'],
    'private.example': ['10.0.0.7'],
    'metadata.example': ['169.254.169.254'],
    'ipv6-loopback.example': ['::1'],
    'unique-local.example': ['fd00::1'],
    'mapped.example': ['::ffff:127.0.0.1'],
    'mixed.example': ['93.184.216.34', '192.168.0.10'],
  });

  beforeAll(async () => {
    forbidden = await startServer({ '/secret.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG) });
    allowed = await startServer({
      '/cat.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png; charset=binary' }).end(PNG),
      '/page.html': (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'),
      '/to-private': (_request, response) => response.writeHead(302, { location: `http://127.0.0.1:${forbidden.port}/secret.png` }).end(),
      '/to-metadata': (_request, response) => response.writeHead(301, { location: 'http://metadata.example/latest/meta-data/' }).end(),
      '/to-cat': (_request, response) => response.writeHead(307, { location: '/cat.png' }).end(),
      '/loop': (_request, response) => response.writeHead(302, { location: '/loop' }).end(),
      '/declared-huge.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(50 * 1024 * 1024) }).end(),
      '/streamed-huge.png': (_request, response) => {
        response.writeHead(200, { 'content-type': 'image/png' });
        const chunk = Buffer.alloc(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 4 * 1024 * 1024 && !response.destroyed) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
      },
      '/slow.png': () => undefined,
    });
  });
  beforeEach(() => {
    fetcher = new RemoteFileFetcher({
      lookup,
      maxBytes: 1024 * 1024,
      timeoutMs: 500,
      policy: new PublicAddressPolicy({ allowedTargets: [`127.0.0.1:${allowed.port}`] }),
    });
    allowed.hits.length = 0;
    forbidden.hits.length = 0;
  });
  afterEach(() => fetcher.close());
  afterAll(async () => {
    allowed.server.closeAllConnections();
    await new Promise((resolve) => allowed.server.close(resolve));
    await new Promise((resolve) => forbidden.server.close(resolve));
  });

  it('fetches an allowed image, connecting to the address it checked (the name is unknown to the system DNS)', async () => {
    const fetched = await fetcher.fetch(`http://images.example:${allowed.port}/cat.png`, images);
    expect(fetched).toEqual({ bytes: PNG, mediaType: 'image/png', url: `http://images.example:${allowed.port}/cat.png`, filename: 'cat.png' });
  });

  it('follows a redirect that stays on allowed ground', async () => {
    expect((await fetcher.fetch(`http://127.0.0.1:${allowed.port}/to-cat`, images)).bytes).toEqual(PNG);
  });

  it('refuses loopback, under the default policy, before any connection is made', async () => {
    const strict = new RemoteFileFetcher({ lookup });
    const refusal = await refusalOf(strict.fetch(`http://127.0.0.1:${allowed.port}/cat.png`, images));
    await strict.close();
    expect(refusal.reason).toBe('forbidden-address');
    expect(refusal.message).toContain('127.0.0.1 is a loopback address');
    expect(allowed.hits).toEqual([]);
  });

  it.each([
    ['loopback.example', 'loopback.example resolves to 127.0.0.1, a loopback address'],
    ['private.example', 'resolves to 10.0.0.7, a private network address'],
    ['metadata.example', 'resolves to 169.254.169.254, a cloud metadata address'],
    ['ipv6-loopback.example', 'resolves to ::1, a loopback address'],
    ['unique-local.example', 'resolves to fd00::1, a private network address'],
    ['mapped.example', 'resolves to ::ffff:127.0.0.1, a loopback address'],
    ['mixed.example', 'resolves to 192.168.0.10, a private network address'],
  ])('refuses %s whatever port, since it resolves to a non-public address', async (hostname, reason) => {
    const refusal = await refusalOf(new RemoteFileFetcher({ lookup }).fetch(`http://${hostname}:${forbidden.port}/secret.png`, images));
    expect(refusal.reason).toBe('forbidden-address');
    expect(refusal.message).toContain(reason);
    expect(forbidden.hits).toEqual([]);
  });

  it('re-checks every redirect hop: a redirect to a private address is refused', async () => {
    const refusal = await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/to-private`, images));
    expect(refusal.reason).toBe('forbidden-address');
    expect(allowed.hits).toEqual(['/to-private']);
    expect(forbidden.hits).toEqual([]);
    expect((await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/to-metadata`, images))).message).toContain('169.254.169.254');
  });

  it('stops after too many redirects', async () => {
    expect((await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/loop`, images))).reason).toBe('too-many-redirects');
  });

  it('refuses a type outside the allowlist', async () => {
    const refusal = await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/page.html`, images));
    expect(refusal).toMatchObject({ reason: 'wrong-type', message: 'it is served as text/html, not a PNG image' });
  });

  it('refuses a file over the limit, whether declared or found while streaming', async () => {
    expect((await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/declared-huge.png`, images))).reason).toBe('too-large');
    const refusal = await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/streamed-huge.png`, images));
    expect(refusal).toMatchObject({ reason: 'too-large', message: 'it is larger than the 1 MB allowed' });
  });

  it('gives up at its deadline', async () => {
    expect((await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/slow.png`, images))).reason).toBe('timeout');
  });

  it('refuses other schemes, credentials in URLs, unknown hosts and error statuses', async () => {
    expect((await refusalOf(fetcher.fetch('file:///etc/passwd', images))).reason).toBe('unsupported-url');
    expect((await refusalOf(fetcher.fetch('ftp://example.com/a.png', images))).reason).toBe('unsupported-url');
    expect((await refusalOf(fetcher.fetch(`http://user:pw@127.0.0.1:${allowed.port}/cat.png`, images))).reason).toBe('unsupported-url');
    expect((await refusalOf(fetcher.fetch('http://nowhere.example/cat.png', images))).message).toContain('ENOTFOUND');
    expect((await refusalOf(fetcher.fetch(`http://127.0.0.1:${allowed.port}/missing.png`, images))).message).toContain('HTTP 404');
  });

  it("passes the caller's own cancellation through untouched", async () => {
    const controller = new AbortController();
    const pending = fetcher.fetch(`http://127.0.0.1:${allowed.port}/slow.png`, images, controller.signal);
    controller.abort();
    await expect(pending).rejects.not.toBeInstanceOf(FetchRefusedError);
  });
});
