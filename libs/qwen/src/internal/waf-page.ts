/** Strings that only Alibaba Cloud's WAF / anti-bot pages contain. */
const wafMarkers = ['aliyun_waf_aa', 'aliyun_waf_bb', '_____tmd_____', 'x5secdata'];

/** Does this body come from the WAF instead of the Qwen API? */
export function isWafPage(bodyText: string): boolean {
  return wafMarkers.some((marker) => bodyText.includes(marker));
}

/**
 * The captcha ("punish") page linked from a WAF page, when it names one; HTML-escaped
 * ampersands are undone so the link opens as is.
 */
export function verificationUrlIn(bodyText: string): string | undefined {
  const match = /https?:\/\/[^\s"'<>]*(?:_____tmd_____|x5secdata|punish)[^\s"'<>]*/.exec(bodyText);
  return match?.[0].replace(/&amp;/g, '&');
}
