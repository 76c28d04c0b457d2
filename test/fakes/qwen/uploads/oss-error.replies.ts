import { randomBytes } from 'node:crypto';
import type { QwenErrorReply } from '../failures/qwen-error.replies';

/** OSS's XML error body, as a bucket answers a refused request (the fake adds what it computed). */
export function ossError(status: number, code: string, message: string, extra: Record<string, string> = {}): QwenErrorReply {
  const fields = { Code: code, Message: message, RequestId: randomBytes(12).toString('hex').toUpperCase(), HostId: 'oss-accelerate.aliyuncs.com', ...extra };
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Error>',
    ...Object.entries(fields).map(([name, value]) => `  <${name}>${escapeXml(value)}</${name}>`),
    '</Error>',
  ].join('\n');
  return { reply: { status, contentType: 'application/xml', body }, code };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
