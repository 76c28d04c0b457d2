import { SummaryThoughts } from './summary-thoughts';

describe(SummaryThoughts.name, () => {
  it('returns nothing for a repeat or a shorter copy of what was delivered', () => {
    const sut = new SummaryThoughts();
    expect(sut.next(['Looking at the question'])).toBe('Looking at the question');
    expect(sut.next(['Looking at the question'])).toBe('');
    expect(sut.next(['Looking'])).toBe('');
  });

  it('starts a new paragraph for a thought rewritten beyond its old start', () => {
    const sut = new SummaryThoughts();
    sut.next(['First draft']);
    expect(sut.next(['Second idea'])).toBe('\n\nSecond idea');
  });

  it('separates several new thoughts arriving in one frame', () => {
    expect(new SummaryThoughts().next(['One', '', 'Two'])).toBe('One\n\nTwo');
  });
});
