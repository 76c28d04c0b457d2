import { ChunkCounter } from './chunk-counter';

describe(ChunkCounter.name, () => {
  it('counts markers across parts and flags the part holding the first', () => {
    const sut = new ChunkCounter();
    expect(sut.push(Buffer.from('data: {"response.created":{}}\n\n'))).toBe(false);
    expect(sut.push(Buffer.from('data: {"content":"aa|"}\n\ndata: {"content":"aa|"}'))).toBe(true);
    expect(sut.push(Buffer.from('\n\ndata: {"content":"aa|"}\n\n'))).toBe(false);
    expect(sut.count).toBe(3);
  });
});
