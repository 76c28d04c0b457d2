/**
 * Stands in for the admin console's Home page (apps/admin, built by another engineer) on the
 * control-plane origin: the same page-bridge protocol the console's Connect button speaks.
 * `window.bridge` drives it from the test.
 */
export function consoleTestPage(adminToken: string): string {
  const script = `
    const events = [];
    window.addEventListener('message', (event) => {
      if (event.source === window && event.data && event.data.source === 'qwen-proxy-extension') events.push(event.data);
    });
    const waitFor = (type, since) => new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const found = events.slice(since).find((message) => message.type === type);
        if (found) return resolve(found);
        if (Date.now() - started > 10000) return reject(new Error('no ' + type + ' from the extension'));
        setTimeout(check, 50);
      };
      check();
    });
    window.bridge = {
      events,
      async ping() {
        const since = events.length;
        window.postMessage({ source: 'qwen-proxy-console', type: 'ping' }, location.origin);
        return waitFor('pong', since);
      },
      async newCode() {
        const response = await fetch('/api/extension/pairings', { method: 'POST', headers: { authorization: 'Bearer ${adminToken}' } });
        return response.json();
      },
      async pair(code, controlUrl = location.origin) {
        const since = events.length;
        window.postMessage({ source: 'qwen-proxy-console', type: 'pair', controlUrl, code }, location.origin);
        return waitFor('paired', since);
      },
    };`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Console (test)</title></head><body><h1>Home</h1><script>${script}</script></body></html>`;
}
