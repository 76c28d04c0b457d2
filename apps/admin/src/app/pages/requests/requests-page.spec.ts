import { toRequestQuery } from './requests-page';

describe(toRequestQuery.name, () => {
  it('turns the filters into the API query', () => {
    const from = '2026-11-24T09:30';
    expect(toRequestQuery({ model: ' qwen3-max ', provider: '', account: '', status: 'error', listener: '', from, to: '' }, 2, 25)).toEqual({
      limit: 25,
      offset: 50,
      model: 'qwen3-max',
      provider: undefined,
      account: undefined,
      status: 'error',
      listener: undefined,
      from: new Date(from).getTime(),
      to: undefined,
    });
  });
});
