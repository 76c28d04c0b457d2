import { setFlagsFromString } from 'node:v8';
import { heapGrowingPercent, limitHeapGrowth } from './heap-growth';

jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));

describe('limitHeapGrowth', () => {
  beforeEach(() => jest.mocked(setFlagsFromString).mockClear());

  it('caps how far the heap grows past what survived a full collection', () => {
    limitHeapGrowth(['--enable-source-maps']);
    expect(setFlagsFromString).toHaveBeenCalledWith(`--heap-growing-percent=${heapGrowingPercent}`);
  });

  it("leaves a growth the user chose on node's command line alone", () => {
    limitHeapGrowth(['--heap-growing-percent=200']);
    limitHeapGrowth(['--heap_growing_percent=10']);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
