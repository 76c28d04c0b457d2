/** Injection token of the control plane's admin token string. */
export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');
