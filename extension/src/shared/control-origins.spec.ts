import { matchPatternOf, originOf, originOfMatchPattern } from './control-origins';

describe('control origins', () => {
  it('takes the origin of http and https URLs only', () => {
    expect(originOf('http://127.0.0.1:3002/api/x?y')).toBe('http://127.0.0.1:3002');
    expect(originOf('http://LOCALHOST:3002')).toBe('http://localhost:3002');
    expect(originOf('javascript:alert(1)')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
  });

  it('turns match patterns into origins and back', () => {
    expect(originOfMatchPattern('http://127.0.0.1:3002/*')).toBe('http://127.0.0.1:3002');
    expect(originOfMatchPattern('https://*.qwen.ai/*')).toBeUndefined();
    expect(matchPatternOf('http://localhost:4000')).toBe('http://localhost:4000/*');
  });
});
