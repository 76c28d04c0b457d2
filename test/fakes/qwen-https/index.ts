/** An HTTPS fake of chat.qwen.ai's login page, for tests in a real browser (see fake-qwen-login.server.ts). */
export { startFakeQwenLogin } from './fake-qwen-login.server';
export type { FakeQwenLogin, FakeQwenLoginOptions } from './fake-qwen-login.server';
export { createSelfSignedCertificate } from './self-signed-certificate';
export type { Certificate } from './self-signed-certificate';
