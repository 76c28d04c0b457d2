import { BoundedLabel, otherLabel } from './bounded-label';

describe(BoundedLabel.name, () => {
  it('admits answered values up to the cap, then counts the rest as other', () => {
    const sut = new BoundedLabel(2);
    expect(sut.of('qwen3-max', true)).toBe('qwen3-max');
    expect(sut.of('made-up', false)).toBe(otherLabel);
    expect(sut.of('qwen3-coder', true)).toBe('qwen3-coder');
    expect(sut.of('qwen-plus', true)).toBe(otherLabel);
    expect(sut.of('qwen3-max', false)).toBe('qwen3-max');
  });
});
