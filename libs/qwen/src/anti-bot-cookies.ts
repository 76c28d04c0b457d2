/**
 * The cookies chat.qwen.ai's anti-bot layer (Aliyun WAF and baxia) sets in a logged-in browser.
 * With only `token=` the chat still opens, but completions answer `Bad_Request` (all of them, or
 * a share of them, depending on the period): see the protocol audit §2/§6 and the fake's
 * `REQUIRED_WAF_COOKIES`. `acw_tc` and `ssxmod_itna` are the ones observed to be checked; the
 * others (`cna`, `tfstk`, `isg`) are sent by every working client of the audit.
 */
export const antiBotCookieNames = ['acw_tc', 'ssxmod_itna', 'cna', 'tfstk', 'isg'] as const;

/** The anti-bot cookies a pasted jar lacks, in the order above; empty when the jar is whole. */
export function missingAntiBotCookies(cookieNames: readonly string[]): string[] {
  const present = new Set(cookieNames);
  return antiBotCookieNames.filter((name) => !present.has(name));
}
