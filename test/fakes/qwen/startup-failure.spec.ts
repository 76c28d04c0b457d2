import { createServer } from 'node:net';
import { startFakeQwen } from './index';
import { startupFailureMessage } from './startup-failure';

describe(startupFailureMessage.name, () => {
  it('names FAKE_QWEN_PORT and a free port when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const failure = await startFakeQwen({ port, host: '127.0.0.1' }).then(
        (fake) => fake.close().then(() => undefined),
        (error: unknown) => error,
      );
      const message = startupFailureMessage(failure, port, '127.0.0.1');
      expect(message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(message).toContain(`FAKE_QWEN_PORT=${port + 1} npm run fake:qwen`);
      expect(message).toContain('PROXY_PORT');
    } finally {
      blocker.close();
    }
  });

  it('keeps other messages as they are', () => {
    expect(startupFailureMessage(new Error('boom'), 3100, '127.0.0.1')).toBe('boom');
  });
});
