import { causeChainOf, errorCodesOf } from './cause-chain';

describe(causeChainOf.name, () => {
  it('walks the causes outermost first and stops at five links', () => {
    const inner = Object.assign(new Error('socket'), { code: 'ECONNRESET' });
    const middle = Object.assign(new Error('undici', { cause: inner }), { code: 'UND_ERR_SOCKET' });
    const outer = new TypeError('fetch failed', { cause: middle });
    expect(causeChainOf(outer)).toEqual([outer, middle, inner]);
    expect(errorCodesOf(outer)).toEqual(['UND_ERR_SOCKET', 'ECONNRESET']);

    const circular: { cause?: unknown; code: string } = { code: 'LOOP' };
    circular.cause = circular;
    expect(causeChainOf(circular)).toHaveLength(5);
    expect(errorCodesOf('not an error')).toEqual([]);
  });
});
