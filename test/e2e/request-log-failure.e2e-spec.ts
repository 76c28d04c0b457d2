import type { LoggerService } from '@nestjs/common';
import { startTestStack, type TestStack } from './support/test-stack';

/** A full disk (SQLite's max_page_count stands in for it): rows cannot be written, and that must not be silent. */
describe('a request log that cannot be written', () => {
  let stack: TestStack;
  const errors: string[] = [];
  const logger: LoggerService = {
    log: () => undefined,
    warn: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
    error: (message: unknown) => void errors.push(String(message)),
  };

  beforeAll(async () => {
    stack = await startTestStack({ logger });
  });
  afterAll(() => stack.close());

  const ask = (content: string) =>
    stack.proxy('/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content }] }) });
  const ready = async () => {
    const response = await fetch(`${stack.app.controlUrl}/health/ready`);
    return { status: response.status, body: (await response.json()) as { checks: Record<string, string>; recorder?: { droppedRows: number } } };
  };

  it('is logged once, loudly, and /health/ready reports it until rows are written again', async () => {
    expect((await ready()).status).toBe(200);
    const [{ page_count: pages }] = await stack.query<{ page_count: number }>('PRAGMA page_count');
    await stack.query(`PRAGMA max_page_count = ${pages}`);
    try {
      // Large bodies need new pages: the "disk" is full.
      for (let count = 0; count < 3; count++) expect((await ask(`${count} ${'x'.repeat(40_000)}`)).status).toBe(200);
      await stack.flushRecords();
      const failing = await ready();
      // Before: rows were dropped one error line at a time and readiness said ready.
      expect(failing.status).toBe(503);
      expect(failing.body.checks['recorder']).toBe('failing');
      expect(failing.body.recorder!.droppedRows).toBeGreaterThan(1);
      expect(errors.filter((line) => line.includes('REQUEST LOG FAILING'))).toHaveLength(1);
      expect(errors.filter((line) => line.startsWith('Could not record'))).toHaveLength(0);
    } finally {
      await stack.query('PRAGMA max_page_count = 1073741823');
    }
    expect((await ask('after')).status).toBe(200);
    await stack.flushRecords();
    expect(await ready()).toMatchObject({ status: 200, body: { checks: { recorder: 'ok' } } });
  });
});
