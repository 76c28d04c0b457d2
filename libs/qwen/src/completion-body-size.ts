import { buildCompletionBody, type CompletionBodyParameters } from './completion-body';

/**
 * Qwen's risk control answers completion bodies near 128 KiB with a captcha that is not the
 * account's fault (Rfym21 #147: 117 KB passed, 129 KB and 196 KB did not, deterministically).
 */
export const captchaBodyBytes = 128 * 1024;

/** The default largest body sent inline: well under the cliff, as weselow's 90 KiB threshold is. */
export const defaultMaxInlineBodyBytes = 100 * 1024;

/**
 * The size in bytes of the completion body these parameters make, as it goes on the wire (UTF-8
 * JSON). Ids and timestamps have fixed lengths, so this is exact up to a few bytes.
 */
export function completionBodyBytes(parameters: Omit<CompletionBodyParameters, 'version' | 'now' | 'newId'> & { version?: string }): number {
  const body = buildCompletionBody({
    ...parameters,
    version: parameters.version ?? '2.1',
    now: new Date(),
    newId: () => '00000000-0000-4000-8000-000000000000',
  });
  return Buffer.byteLength(JSON.stringify(body), 'utf8');
}
