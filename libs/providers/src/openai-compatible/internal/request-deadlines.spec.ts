import { RequestDeadlines, type TimeoutName } from './request-deadlines';

describe(RequestDeadlines.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function deadlines(timeouts: { firstByteMs?: number; totalMs: number }) {
    const expired: TimeoutName[] = [];
    const sut = new RequestDeadlines(timeouts, (name) => expired.push(name));
    return { sut, expired };
  }

  it('expires the first-byte wait when nothing arrives in time', () => {
    const { sut, expired } = deadlines({ firstByteMs: 100, totalMs: 1000 });
    sut.start();
    jest.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(expired).toEqual(['first-byte']);
    expect(sut.expired).toBe('first-byte');
    // Once one wait has run out, the other stays silent.
    jest.advanceTimersByTime(5000);
    expect(expired).toEqual(['first-byte']);
  });

  it('lets the total wait expire after the first byte arrived', () => {
    const { sut, expired } = deadlines({ firstByteMs: 100, totalMs: 1000 });
    sut.start();
    jest.advanceTimersByTime(50);
    sut.firstByteArrived();
    jest.advanceTimersByTime(900);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(50);
    expect(expired).toEqual(['total']);
  });

  it('has no first-byte wait when none is given, and none when stopped', () => {
    const { sut, expired } = deadlines({ totalMs: 300 });
    sut.start();
    jest.advanceTimersByTime(299);
    sut.stop();
    jest.advanceTimersByTime(10_000);
    expect(expired).toEqual([]);
  });

  it('treats zero as no limit', () => {
    const { sut, expired } = deadlines({ firstByteMs: 0, totalMs: 0 });
    sut.start();
    jest.advanceTimersByTime(1_000_000);
    expect(expired).toEqual([]);
  });
});
