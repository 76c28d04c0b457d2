import { Debouncer } from './debouncer';

describe(Debouncer.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once after a burst has been quiet for the delay', () => {
    const action = jest.fn();
    const sut = new Debouncer(2000, action);
    sut.trigger();
    jest.advanceTimersByTime(1500);
    sut.trigger();
    jest.advanceTimersByTime(1999);
    expect(action).not.toHaveBeenCalled();
    expect(sut.pending).toBe(true);
    jest.advanceTimersByTime(1);
    expect(action).toHaveBeenCalledTimes(1);
    expect(sut.pending).toBe(false);
  });

  it('runs again for a later burst, and not at all when cancelled', () => {
    const action = jest.fn();
    const sut = new Debouncer(100, action);
    sut.trigger();
    jest.advanceTimersByTime(100);
    sut.trigger();
    jest.advanceTimersByTime(100);
    sut.trigger();
    sut.cancel();
    jest.advanceTimersByTime(1000);
    expect(action).toHaveBeenCalledTimes(2);
  });
});
