import { randomBytes, randomUUID } from 'node:crypto';

/** The `filetype` values `getstsToken` accepts. */
export const UPLOAD_FILE_TYPES = ['image', 'video', 'audio', 'document', 'file'] as const;
export type UploadFileType = (typeof UPLOAD_FILE_TYPES)[number];

/** The bucket and region the fake's STS tickets name, spelled as the real ones. */
export const FAKE_BUCKET = 'qwen-webui-prod';
export const FAKE_REGION = 'oss-ap-southeast-1';
export const FAKE_ENDPOINT = 'oss-accelerate.aliyuncs.com';
/** Where the fake's OSS lives on its own port: path-style, `<base>/oss/<bucket>/<key>`. */
export const OSS_PATH_PREFIX = '/oss/';
/** STS credentials last about an hour on the real service. */
export const STS_LIFETIME_MS = 60 * 60 * 1000;

/** One file announced through `getstsToken`, and what happened to it since. */
export interface FakeUpload {
  fileId: string;
  accountId: string;
  filename: string;
  /** As announced in the STS request. */
  filesize: number;
  filetype: UploadFileType;
  bucket: string;
  /** The object key, unencoded: `<account id>/<uuid>_<filename>`. */
  objectKey: string;
  /** The download URL handed out, with a signed-looking query, as the real service does. */
  fileUrl: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  issuedAt: Date;
  /** The bytes of the accepted PUT; undefined until then. */
  bytes?: Buffer;
  /** The `content-type` of the accepted PUT. */
  contentType?: string;
  /** How many signed PUTs were accepted for this ticket. */
  putCount: number;
  /** `POST /api/v2/files/parse` was called (documents). */
  parsed: boolean;
}

/** Tickets and uploaded objects, by file id and by object key. */
export class UploadStore {
  readonly byFileId = new Map<string, FakeUpload>();

  issue(input: { accountId: string; filename: string; filesize: number; filetype: UploadFileType; baseUrl: string }): FakeUpload {
    const fileId = randomUUID();
    const objectKey = `${input.accountId}/${randomUUID()}_${input.filename}`;
    const accessKeyId = `STS.${randomBytes(12).toString('base64url')}`;
    const expires = Math.floor((Date.now() + STS_LIFETIME_MS) / 1000);
    const encodedKey = objectKey.split('/').map(encodeURIComponent).join('/');
    const query = new URLSearchParams({ Expires: String(expires), OSSAccessKeyId: accessKeyId, Signature: randomBytes(20).toString('base64') });
    const upload: FakeUpload = {
      fileId,
      accountId: input.accountId,
      filename: input.filename,
      filesize: input.filesize,
      filetype: input.filetype,
      bucket: FAKE_BUCKET,
      objectKey,
      fileUrl: `${input.baseUrl}${OSS_PATH_PREFIX}${FAKE_BUCKET}/${encodedKey}?${query}`,
      accessKeyId,
      accessKeySecret: randomBytes(24).toString('base64url'),
      securityToken: `CAIS${randomBytes(48).toString('base64url')}`,
      issuedAt: new Date(),
      putCount: 0,
      parsed: false,
    };
    this.byFileId.set(fileId, upload);
    return upload;
  }

  findByObject(bucket: string, objectKey: string): FakeUpload | undefined {
    return [...this.byFileId.values()].find((upload) => upload.bucket === bucket && upload.objectKey === objectKey);
  }
}
