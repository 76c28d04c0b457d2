import { explainHttpError } from './error-message';

describe(explainHttpError.name, () => {
  it('says what to do for each kind of failure', () => {
    expect(explainHttpError({ status: 0, error: null, message: '' }).hint).toContain('running');
    expect(explainHttpError({ status: 401, error: { error: { message: 'The admin token is not valid.' } }, message: '' })).toEqual({
      message: 'The admin token is not valid.',
      hint: 'Sign in again with the token printed at start.',
      signOut: true,
    });
    expect(explainHttpError({ status: 400, error: { error: { message: 'cookies must be a string' } }, message: 'Bad Request' }).message).toBe('cookies must be a string');
    expect(explainHttpError({ status: 503, error: 'x', message: 'Service Unavailable' }).hint).toContain('log');
  });
});
