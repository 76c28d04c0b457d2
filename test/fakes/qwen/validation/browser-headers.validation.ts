import { badRequest } from '../failures/qwen-error.replies';
import { passed, refused, type Checked } from './rejection';

/** The headers the web UI sends on every API call (protocol §2). */
export interface BrowserHeaders {
  source: string | undefined;
  requestId: string | undefined;
  userAgent: string | undefined;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// A browser's User-Agent: the anti-bot layer refuses `node`, `undici`, `curl/…` and the like.
const BROWSER_USER_AGENT = /^Mozilla\/5\.0 \(.+\) .*(Chrome|Firefox|Safari|Edg)\/\d+/;

/** Missing browser headers look like a bot: the service answers `Bad_Request`. */
export function checkBrowserHeaders(headers: BrowserHeaders): Checked<void> {
  if (headers.source !== 'web') {
    return refused(badRequest(), `header "source" must be "web", got ${describe(headers.source)}`);
  }
  if (!headers.requestId || !UUID_V4.test(headers.requestId)) {
    return refused(badRequest(), `header "x-request-id" must be a UUID v4, got ${describe(headers.requestId)}`);
  }
  if (!headers.userAgent || !BROWSER_USER_AGENT.test(headers.userAgent)) {
    return refused(badRequest(), `header "user-agent" must be a browser's, got ${describe(headers.userAgent)}`);
  }
  return passed(undefined);
}

function describe(value: string | undefined): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
