import { jsonReply } from '../http/http-reply';
import { badRequest } from '../failures/qwen-error.replies';
import { passed, refused, type Checked } from '../validation/rejection';
import type { WebBuild } from './web-build';

/**
 * Completions need the current build's `version` header: without it (or with a stale one) the
 * real service answers `200 {"success":false,"data":{"code":"Bad_Request"}}` whatever else is
 * right (OmniRoute PR #5855, fixture `omniroute-pr5855-2026-07-01-completion-bad-request-no-version.json`).
 */
export function checkCompletionVersion(header: string | undefined, build: WebBuild): Checked<string> {
  if (!header) return refused(badRequest(), 'no version header on a completion (the web build requires it)');
  if (header !== build.version) {
    return refused(badRequest(), `version header ${header} is not the current web build ${build.version}`);
  }
  return passed(header);
}

/**
 * `chats/new` works without a version header; a stale one answers the top-level
 * `{"code":"unauthorized","details":"401 Unauthorized"}` (HTTP 200) that SilverioSG recorded
 * (fixture `silveriosg-2026-09-chats-new-stale-version-unauthorized.json`).
 */
export function checkChatCreationVersion(header: string | undefined, build: WebBuild): Checked<string | undefined> {
  if (header === undefined || header === build.version) return passed(header);
  return refused(
    { reply: jsonReply(200, { code: 'unauthorized', details: '401 Unauthorized' }), code: 'unauthorized' },
    `version header ${header} on chats/new is not the current web build ${build.version}`,
  );
}
