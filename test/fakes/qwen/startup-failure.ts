/**
 * What `npm run fake:qwen` says when it cannot listen: the bare `EADDRINUSE` told nobody which
 * variable to change. Pure, for the spec.
 */
export function startupFailureMessage(error: unknown, port: number, host: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return (
      `Port ${port} on ${host} is already in use (another fake, or another program). ` +
      `Stop it, or pick a free port: FAKE_QWEN_PORT=${port + 1} npm run fake:qwen ` +
      '(then use the QWEN_BASE_URL it prints; PROXY_PORT, ROUTER_PORT and CONTROL_PORT move the proxy itself).'
    );
  }
  if (code === 'EACCES') return `Not allowed to listen on ${host}:${port}: choose a port above 1024 with FAKE_QWEN_PORT.`;
  if (code === 'EADDRNOTAVAIL') return `${host} is no address of this machine: set FAKE_QWEN_HOST (default 127.0.0.1).`;
  return error instanceof Error ? error.message : String(error);
}
