import { encodeRfc3986, ossTimestamp, signingRegionOf, signOssRequest, type OssSigningInput } from './oss-v4-signature';

/*
 * The vectors are those Aliyun publishes with its Python SDK (alibabacloud-oss-python-sdk-v2,
 * tests/unit/signer/test_v4.py): a signature that matches them matches what OSS computes.
 */
const sdkRequest = (seconds: number, extra: Partial<OssSigningInput> = {}): OssSigningInput => ({
  method: 'PUT',
  bucket: 'bucket',
  objectKey: '1234+-/123/1.txt',
  query: { param1: 'value1', '+param1': 'value3', '|param1': 'value4', '+param2': '', '|param2': '', param2: '' },
  headers: {
    'x-oss-head1': 'value',
    abc: 'value',
    ZAbc: 'value',
    XYZ: 'value',
    'content-type': 'text/plain',
    'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
  },
  credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
  region: 'cn-hangzhou',
  now: new Date(seconds * 1000),
  ...extra,
});

describe(signOssRequest.name, () => {
  it('matches the SDK vector without a security token', () => {
    const signed = signOssRequest(sdkRequest(1702743657));
    expect(signed.headers.Authorization).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,' +
        'Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe',
    );
    expect(signed.headers['x-oss-date']).toBe('20231216T162057Z');
  });

  it('matches the SDK vector with a security token, which it sends and signs', () => {
    const signed = signOssRequest(
      sdkRequest(1702784856, { credentials: { accessKeyId: 'ak', accessKeySecret: 'sk', securityToken: 'token' } }),
    );
    expect(signed.headers.Authorization).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,' +
        'Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea',
    );
    expect(signed.headers['x-oss-security-token']).toBe('token');
    expect(signed.canonicalRequest).toContain('\nx-oss-security-token:token\n');
  });

  it('matches the SDK vector with additional headers, ignoring absent and always-signed ones', () => {
    const expected =
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,' +
      'Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f';
    expect(signOssRequest(sdkRequest(1702747512, { additionalHeaders: ['ZAbc', 'abc'] })).headers.Authorization).toBe(expected);
    expect(
      signOssRequest(sdkRequest(1702747512, { additionalHeaders: ['x-oss-no-exist', 'ZAbc', 'x-oss-head1', 'abc'] })).headers
        .Authorization,
    ).toBe(expected);
  });

  it('builds the canonical request of a plain upload: method, /bucket/key, no query, signed headers, payload marker', () => {
    const signed = signOssRequest({
      method: 'put',
      bucket: 'qwen-webui-prod',
      objectKey: 'user 1/猫 (1).png',
      headers: { 'Content-Type': 'image/png', 'User-Agent': 'not signed' },
      credentials: { accessKeyId: 'STS.key', accessKeySecret: 'secret', securityToken: 'sts-token' },
      region: 'ap-southeast-1',
      now: new Date('2026-03-05T10:20:30.456Z'),
    });
    expect(signed.canonicalRequest).toBe(
      [
        'PUT',
        '/qwen-webui-prod/user%201/%E7%8C%AB%20%281%29.png',
        '',
        'content-type:image/png\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20260305T102030Z\nx-oss-security-token:sts-token\n',
        '',
        'UNSIGNED-PAYLOAD',
      ].join('\n'),
    );
    expect(signed.stringToSign.split('\n').slice(0, 3)).toEqual([
      'OSS4-HMAC-SHA256',
      '20260305T102030Z',
      '20260305/ap-southeast-1/oss/aliyun_v4_request',
    ]);
    expect(signed.headers).toMatchObject({ 'Content-Type': 'image/png', 'User-Agent': 'not signed', 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(signed.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the signature when anything signed changes', () => {
    const base = sdkRequest(1702743657);
    const signature = signOssRequest(base).signature;
    expect(signOssRequest({ ...base, objectKey: 'other.txt' }).signature).not.toBe(signature);
    expect(signOssRequest({ ...base, region: 'cn-beijing' }).signature).not.toBe(signature);
    expect(signOssRequest({ ...base, credentials: { accessKeyId: 'ak', accessKeySecret: 'other' } }).signature).not.toBe(signature);
    expect(signOssRequest({ ...base, headers: { ...base.headers, 'content-type': 'image/png' } }).signature).not.toBe(signature);
    expect(signOssRequest({ ...base, headers: { ...base.headers, XYZ: 'unsigned, so no change' } }).signature).toBe(signature);
  });
});

describe('OSS signing helpers', () => {
  it('formats the timestamp in UTC without separators or milliseconds', () => {
    expect(ossTimestamp(new Date('2026-01-02T03:04:05.999Z'))).toBe('20260102T030405Z');
  });

  it('strips the oss- prefix of the STS region', () => {
    expect(signingRegionOf('oss-ap-southeast-1')).toBe('ap-southeast-1');
    expect(signingRegionOf('cn-hangzhou')).toBe('cn-hangzhou');
  });

  it('encodes the reserved characters encodeURIComponent leaves alone', () => {
    expect(encodeRfc3986("a!b'c(d)e*f~g")).toBe('a%21b%27c%28d%29e%2Af~g');
    expect(encodeRfc3986('a/b c', true)).toBe('a/b%20c');
  });
});
