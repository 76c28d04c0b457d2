import { BadGatewayError, type GatewayError } from '@qwen-proxy/contracts';

/** An OSS error body: `<Error><Code>SignatureDoesNotMatch</Code><Message>…</Message>…</Error>`. */
export function readOssError(bodyText: string): { code?: string; message?: string } {
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(bodyText)?.[1]?.trim() || undefined;
  return { code: field('Code'), message: field('Message') };
}

/**
 * OSS refused the upload. Its temporary credentials came from Qwen a moment before, so a refusal
 * means Qwen's upload flow changed (or a clock far off), not that the account is at fault.
 */
export function ossUploadFailure(status: number, bodyText: string): GatewayError {
  const { code, message } = readOssError(bodyText);
  const what = [code, message].filter(Boolean).join(': ') || 'no details';
  const hint =
    code === 'RequestTimeTooSkewed'
      ? "This computer's clock is off: set it right and retry."
      : 'Qwen may have changed its upload flow; check for an update of this proxy.';
  return new BadGatewayError(`Qwen's file storage refused the upload (HTTP ${status}, ${what}). ${hint}`, {
    code: 'qwen_upload_failed',
    retryable: false,
    details: { status, ossCode: code ?? null },
  });
}
