import { captchaChallenge } from '../failures/qwen-error.replies';
import { passed, refused, type Checked } from '../validation/rejection';

/**
 * Completion bodies near 128 KiB get the risk-control captcha, whatever the account
 * (Rfym21 #147: 117 KB passed, 129 KB and 196 KB got it, three runs each; fixture
 * `rfym21-issue147-2026-08-04-captcha-oversize-body.json`).
 */
export function checkCompletionBodySize(bodyBytes: number, limitBytes: number, baseUrl: string): Checked<void> {
  if (bodyBytes <= limitBytes) return passed(undefined);
  return refused(captchaChallenge(baseUrl), `completion body of ${bodyBytes} bytes is over the ${limitBytes}-byte risk-control limit`);
}
