import { startTestStack, type TestStack } from './support/test-stack';

/** An extension token can only deliver credentials; it must not take over another account by claiming its user id. */
describe("an extension delivery that would replace an existing account", () => {
  let stack: TestStack;
  let extensionToken: string;

  beforeAll(async () => {
    stack = await startTestStack();
    const pairing = (await (await stack.control('/api/extension/pairings', { method: 'POST' })).json()) as { code: string };
    const paired = await fetch(`${stack.app.controlUrl}/api/extension/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: pairing.code }),
    });
    extensionToken = ((await paired.json()) as { token: string }).token;
  });
  afterAll(() => stack.close());

  const deliver = (cookies: string) =>
    fetch(`${stack.app.controlUrl}/api/extension/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${extensionToken}` },
      body: JSON.stringify({ cookies }),
    });
  const chatStatus = async () =>
    (await stack.proxy('/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] }) })).status;

  it('is refused when Qwen does not confirm the token is that user, and the account keeps working', async () => {
    const [, payload] = stack.account.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as { id: string };
    // A token made up by whoever holds the extension token, claiming the connected user's id.
    const forged = [
      Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify({ id: claims.id, exp: Math.floor(Date.now() / 1000) + 86_400 })).toString('base64url'),
      'forged-signature',
    ].join('.');
    const refused = await deliver(`token=${forged}; acw_tc=attacker`);
    // Before: 201, the account's cookies were replaced and its requests failed.
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('delivered_token_rejected');
    expect(await chatStatus()).toBe(200);
    const [account] = (await (await stack.control('/api/credentials')).json()) as { status: string; source: string }[];
    expect(account).toMatchObject({ status: 'valid' });
  });

  it("accepts the account's own user reconnecting", async () => {
    const accepted = await deliver(stack.account.cookies);
    expect(accepted.status).toBe(201);
    expect(await chatStatus()).toBe(200);
  });
});
