import { z } from 'zod';

/**
 * What `POST /api/v2/files/getstsToken` hands out for one file: where to put it and the
 * temporary OSS credentials to sign the upload with.
 */
export interface QwenUploadTicket {
  fileId: string;
  /** The file's URL, with Qwen's own signed query; the completion attaches it as is. */
  fileUrl: string;
  /** The object key inside the bucket, when Qwen says it. */
  filePath?: string;
  bucketName: string;
  /** As Qwen spells it, e.g. `oss-ap-southeast-1`. */
  region: string;
  endpoint?: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
}

const text = z.string().min(1);
const optionalText = z.string().nullish().catch(undefined);

// Tolerant of extra fields and of the envelope being absent, like every other Qwen answer we read.
const ticketFieldsSchema = z.object({
  file_id: text,
  file_url: z.url(),
  file_path: optionalText,
  bucketname: text,
  region: text,
  endpoint: optionalText,
  access_key_id: text,
  access_key_secret: text,
  security_token: text,
});

const ticketAnswerSchema = z.union([z.object({ data: ticketFieldsSchema }).transform((answer) => answer.data), ticketFieldsSchema]);

/** The ticket in an STS answer, or undefined when the answer lacks a field the upload needs. */
export function parseUploadTicket(answer: unknown): QwenUploadTicket | undefined {
  const parsed = ticketAnswerSchema.safeParse(answer);
  if (!parsed.success) return undefined;
  const fields = parsed.data;
  return {
    fileId: fields.file_id,
    fileUrl: fields.file_url,
    ...(fields.file_path ? { filePath: fields.file_path } : {}),
    bucketName: fields.bucketname,
    region: fields.region,
    ...(fields.endpoint ? { endpoint: fields.endpoint } : {}),
    accessKeyId: fields.access_key_id,
    accessKeySecret: fields.access_key_secret,
    securityToken: fields.security_token,
  };
}

/**
 * The object key to sign. Qwen's `file_path` says it; without it, the URL's path is the key,
 * minus the bucket when the URL is path-style (`host/bucket/key`).
 */
export function objectKeyOf(ticket: Pick<QwenUploadTicket, 'filePath' | 'fileUrl' | 'bucketName'>): string {
  if (ticket.filePath) return ticket.filePath.replace(/^\/+/, '');
  const path = decodeURIComponent(new URL(ticket.fileUrl).pathname).replace(/^\/+/, '');
  const bucketPrefix = `${ticket.bucketName}/`;
  return path.startsWith(bucketPrefix) ? path.slice(bucketPrefix.length) : path;
}
