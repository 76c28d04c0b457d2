import { pageTokenOf } from '../background/qwen-login';
import type { RuntimeRequest } from '../shared/runtime-messages';

/** chat.qwen.ai keeps the session token in localStorage; the worker cannot read it, this script can. */
function startQwenPageWatch(): void {
  let reported: string | null | undefined;

  function report(): void {
    let token: string | null = null;
    try {
      token = pageTokenOf(localStorage.getItem('token'));
    } catch {
      // A page with storage disabled simply has no token to report.
    }
    if (token === reported) return;
    reported = token;
    const request: RuntimeRequest = { type: 'qwen-page', token };
    chrome.runtime.sendMessage(request).catch(() => undefined);
  }

  report();
  // The single-page app logs in without reloading, and localStorage fires no event in its own tab.
  setInterval(report, 3000);
  document.addEventListener('visibilitychange', report);
}

const marker = '__qwenProxyPageWatch';
const scope = globalThis as unknown as Record<string, boolean>;
if (!scope[marker]) {
  scope[marker] = true;
  startQwenPageWatch();
}
