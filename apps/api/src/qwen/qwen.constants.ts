/** Injection token of the Qwen web ChatProvider. */
export const QWEN_WEB_PROVIDER = Symbol('QWEN_WEB_PROVIDER');
