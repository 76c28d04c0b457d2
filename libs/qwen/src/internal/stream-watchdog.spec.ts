import { StreamWatchdog } from './stream-watchdog';

describe(StreamWatchdog.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function watchdog() {
    const expired: string[] = [];
    const sut = new StreamWatchdog({ firstByteTimeoutMs: 1000, idleTimeoutMs: 300 }, (phase) => expired.push(phase));
    return { sut, expired };
  }

  it('fires the first-byte timeout when no frame comes', () => {
    const { sut, expired } = watchdog();
    sut.start();
    jest.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(expired).toEqual(['first-byte']);
    expect(sut.expiredPhase).toBe('first-byte');
  });

  it('switches to the idle timeout after the first frame and restarts it on each frame', () => {
    const { sut, expired } = watchdog();
    sut.start();
    jest.advanceTimersByTime(900);
    sut.frameArrived();
    jest.advanceTimersByTime(250);
    sut.frameArrived();
    jest.advanceTimersByTime(250);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(50);
    expect(expired).toEqual(['idle']);
  });

  it('never fires once stopped', () => {
    const { sut, expired } = watchdog();
    sut.start();
    sut.stop();
    jest.advanceTimersByTime(10_000);
    expect(expired).toEqual([]);
  });

  it('treats a zero timeout as no limit', () => {
    const expired: string[] = [];
    const sut = new StreamWatchdog({ firstByteTimeoutMs: 0, idleTimeoutMs: 0 }, (phase) => expired.push(phase));
    sut.start();
    sut.frameArrived();
    jest.advanceTimersByTime(1_000_000);
    expect(expired).toEqual([]);
  });
});
