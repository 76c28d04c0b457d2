import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { cookiePairs, newWafValue, setCookieHeader } from './login-cookies';
import type { Certificate } from './self-signed-certificate';

export interface FakeQwenLoginOptions {
  certificate: Certificate;
  /** The account to log in as: token and the whole cookie jar (e.g. from the API fake's issueAccount()). */
  account: { token: string; cookies: string };
  port?: number;
}

export interface FakeQwenLogin {
  /** https://127.0.0.1:<port>; browsers reach it as https://chat.qwen.ai through a host-resolver rule. */
  url: string;
  port: number;
  /** The cookies this fake has set, name → latest value (what a browser should now hold). */
  readonly issuedCookies: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/**
 * The login side of chat.qwen.ai over HTTPS, for browser tests: `POST /auth/login` sets the
 * account's cookies on `.qwen.ai` (the session ones HttpOnly) and the page keeps the token in
 * localStorage as the real front end does; `POST /auth/refresh-waf` rotates `acw_tc` and adds an
 * `x5sec` cookie, like the WAF does mid-session; `POST /auth/logout` clears them. The chat API
 * itself stays with the HTTP fake (test/fakes/qwen), which issued the account.
 */
export async function startFakeQwenLogin(options: FakeQwenLoginOptions): Promise<FakeQwenLogin> {
  const issuedCookies = new Map<string, string>();
  const setCookies = (pairs: [string, string][], expire = false): string[] =>
    pairs.map(([name, value]) => {
      if (expire) issuedCookies.delete(name);
      else issuedCookies.set(name, value);
      return setCookieHeader(name, value, { expire });
    });

  const server: Server = createServer({ key: options.certificate.key, cert: options.certificate.cert }, (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const loggedIn = /(^|;\s*)token=/.test(request.headers.cookie ?? '');
    if (request.method === 'GET' && path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        loggedIn
          ? page('Qwen Chat', `<h1 id="state">Logged in</h1><script>localStorage.setItem('token', ${JSON.stringify(options.account.token)});</script>`)
          : page('Qwen Chat – log in', `<h1 id="state">Logged out</h1><form method="post" action="/auth/login"><button id="login" type="submit">Log in</button></form><script>localStorage.removeItem('token');</script>`),
      );
      return;
    }
    if (request.method === 'POST' && path === '/auth/login') {
      response.writeHead(303, { location: '/', 'set-cookie': setCookies(cookiePairs(options.account.cookies)) });
      response.end();
      return;
    }
    if (request.method === 'POST' && path === '/auth/refresh-waf') {
      response.writeHead(204, { 'set-cookie': setCookies([['acw_tc', newWafValue()], ['x5sec', newWafValue()]]) });
      response.end();
      return;
    }
    if (request.method === 'POST' && path === '/auth/logout') {
      response.writeHead(303, { location: '/', 'set-cookie': setCookies([...issuedCookies.entries()], true) });
      response.end();
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ detail: 'Not Found' }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    issuedCookies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
