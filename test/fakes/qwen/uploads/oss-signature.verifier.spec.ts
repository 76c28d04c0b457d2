import { verifyOssSignature, type SignedRequestFacts } from './oss-signature.verifier';

/*
 * Checked against the vector Aliyun publishes with its Python SDK (test_v4.py,
 * test_auth_header_with_token), so the fake's verifier is right on its own, not merely in
 * agreement with the proxy's signer.
 */
const vectorSignature = 'b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea';

function vector(overrides: Partial<SignedRequestFacts> = {}, headerOverrides: Record<string, string> = {}): SignedRequestFacts {
  return {
    method: 'PUT',
    bucket: 'bucket',
    objectKey: '1234+-/123/1.txt',
    rawQuery: 'param1=value1&%2Bparam1=value3&%7Cparam1=value4&%2Bparam2=&%7Cparam2=&param2=',
    headers: {
      'x-oss-head1': 'value',
      abc: 'value',
      zabc: 'value',
      xyz: 'value',
      'content-type': 'text/plain',
      'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-oss-date': '20231217T034736Z',
      'x-oss-security-token': 'token',
      date: 'Sun, 17 Dec 2023 03:47:36 GMT',
      authorization: `OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=${vectorSignature}`,
      ...headerOverrides,
    },
    expected: { accessKeyId: 'ak', accessKeySecret: 'sk', securityToken: 'token', region: 'cn-hangzhou' },
    now: new Date(1702784856 * 1000),
    maxSkewMs: 15 * 60 * 1000,
    ...overrides,
  };
}

describe(verifyOssSignature.name, () => {
  it("accepts Aliyun's published request, with or without spaces after the commas", () => {
    expect(verifyOssSignature(vector())).toEqual({ ok: true });
    const spaced = `OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request, Signature=${vectorSignature}`;
    expect(verifyOssSignature(vector({}, { authorization: spaced }))).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret, showing what it computed', () => {
    const verdict = verifyOssSignature(vector({ expected: { accessKeyId: 'ak', accessKeySecret: 'other', securityToken: 'token', region: 'cn-hangzhou' } }));
    expect(verdict).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch', stringToSign: expect.stringContaining('20231217/cn-hangzhou/oss/aliyun_v4_request') });
  });

  it('refuses when a signed header or the key changed after signing', () => {
    expect(verifyOssSignature(vector({}, { 'content-type': 'image/png' }))).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(verifyOssSignature(vector({ objectKey: 'other.txt' }))).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(verifyOssSignature(vector({}, { xyz: 'unsigned header, no effect' }))).toEqual({ ok: true });
  });

  it('names the wrong key, token, region or clock', () => {
    expect(verifyOssSignature(vector({ expected: { accessKeyId: 'other', accessKeySecret: 'sk', securityToken: 'token', region: 'cn-hangzhou' } }))).toMatchObject({ code: 'InvalidAccessKeyId' });
    expect(verifyOssSignature(vector({}, { 'x-oss-security-token': 'stale' }))).toMatchObject({ code: 'InvalidSecurityToken' });
    expect(verifyOssSignature(vector({ expected: { accessKeyId: 'ak', accessKeySecret: 'sk', securityToken: 'token', region: 'ap-southeast-1' } }))).toMatchObject({ code: 'InvalidArgument' });
    expect(verifyOssSignature(vector({ now: new Date(1702784856 * 1000 + 16 * 60 * 1000) }))).toMatchObject({ code: 'RequestTimeTooSkewed' });
  });

  it('refuses requests without a V4 authorization', () => {
    expect(verifyOssSignature(vector({}, { authorization: '' }))).toMatchObject({ code: 'AccessDenied' });
    expect(verifyOssSignature(vector({}, { authorization: 'OSS ak:signature' }))).toMatchObject({ code: 'InvalidArgument' });
  });
});
