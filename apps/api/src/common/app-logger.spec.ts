import { Writable } from 'node:stream';
import { AppLogger } from './app-logger';
import { requestLogContext } from './request-context';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  return { sut: new AppLogger(level, destination), lines };
}

describe(AppLogger.name, () => {
  it('writes one JSON object per line with level, context and message', () => {
    const { sut, lines } = capture('info');
    sut.log('Listening', 'QwenProxy');
    sut.warn('Slow upstream', 'Requests');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'QwenProxy', msg: 'Listening', time: expect.any(String) }),
      expect.objectContaining({ level: 'warn', context: 'Requests', msg: 'Slow upstream' }),
    ]);
  });

  it('puts the request id on every line logged while serving a request', () => {
    const { sut, lines } = capture('info');
    requestLogContext.run({ requestId: 'req_123' }, () => sut.log('inside', 'Requests'));
    sut.log('outside', 'Requests');
    expect(lines[0]).toMatchObject({ requestId: 'req_123', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('honours the level and hides framework boot lines unless debugging', () => {
    const { sut, lines } = capture('warn');
    sut.log('info line', 'Anything');
    sut.error('broken', 'stack trace here', 'Errors');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'broken', stack: 'stack trace here', context: 'Errors' })]);
    const quiet = capture('info');
    quiet.sut.log('Mapped {/v1, POST}', 'RouterExplorer');
    expect(quiet.lines).toEqual([]);
    const verbose = capture('debug');
    verbose.sut.log('Mapped {/v1, POST}', 'RouterExplorer');
    expect(verbose.lines).toHaveLength(1);
  });
});
