import type { NextFunction, Request, Response } from 'express';
import { extensionCors, extensionCorsPolicy } from './extension-cors';

const paired = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const stranger = `chrome-extension://${'p'.repeat(32)}`;

function run(path: string, origin: string | undefined, method = 'POST') {
  const headers = new Map<string, string>();
  let ended = false;
  const request = { path, method, header: (name: string) => (name === 'origin' ? origin : undefined) } as unknown as Request;
  const response = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    status: () => ({ end: () => (ended = true) }),
  } as unknown as Response;
  const next = jest.fn() as NextFunction;
  extensionCors(extensionCorsPolicy((origin) => origin === paired))(request, response, next);
  return { allowOrigin: headers.get('access-control-allow-origin'), ended, nextCalled: (next as jest.Mock).mock.calls.length > 0 };
}

describe(extensionCors.name, () => {
  it('lets any extension origin read the pairing answer, and no web page', () => {
    expect(run('/api/extension/pair', stranger).allowOrigin).toBe(stranger);
    expect(run('/api/extension/pair', 'https://evil.example').allowOrigin).toBeUndefined();
  });

  it('admits only the paired extension on the credential and status endpoints', () => {
    expect(run('/api/extension/credentials', paired).allowOrigin).toBe(paired);
    expect(run('/api/extension/status', paired, 'GET').allowOrigin).toBe(paired);
    expect(run('/api/extension/credentials', stranger).allowOrigin).toBeUndefined();
  });

  it('never opens the admin endpoints to an extension', () => {
    expect(run('/api/extension/pairings', paired).allowOrigin).toBeUndefined();
    expect(run('/api/extension/tokens', paired, 'GET').allowOrigin).toBeUndefined();
    expect(run('/api/credentials', paired).allowOrigin).toBeUndefined();
  });

  it('answers an allowed preflight itself', () => {
    const preflight = run('/api/extension/credentials', paired, 'OPTIONS');
    expect(preflight).toMatchObject({ allowOrigin: paired, ended: true, nextCalled: false });
  });
});
