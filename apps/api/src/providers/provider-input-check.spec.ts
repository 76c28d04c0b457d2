import { checkBaseUrl, checkHeaders, displayedBaseUrl } from './provider-input-check';

describe('provider input checks', () => {
  it('refuses a base URL with credentials, and masks one stored before', () => {
    expect(() => checkBaseUrl('https://user:secret@llm.example/v1')).toThrow(expect.objectContaining({ status: 400, code: 'credentials_in_base_url' }));
    expect(() => checkBaseUrl('http://127.0.0.1:1234/v1')).not.toThrow();
    expect(displayedBaseUrl('https://user:secret@llm.example/v1')).toBe('https://***@llm.example/v1');
    expect(displayedBaseUrl('http://127.0.0.1:1234/v1')).toBe('http://127.0.0.1:1234/v1');
  });

  it('refuses header values with CR/LF and names that are not tokens', () => {
    expect(() => checkHeaders({ 'x-team': 'a\r\nx-admin: 1' })).toThrow(expect.objectContaining({ status: 400, code: 'invalid_header', param: 'headers.x-team' }));
    expect(() => checkHeaders({ 'x-team': 'a\nb' })).toThrow(expect.objectContaining({ code: 'invalid_header' }));
    expect(() => checkHeaders({ 'bad name': 'a' })).toThrow(expect.objectContaining({ code: 'invalid_header' }));
    expect(() => checkHeaders({ 'x-team': 42 })).toThrow(expect.objectContaining({ code: 'invalid_header' }));
    expect(() => checkHeaders({ 'x-team': 'blue\tgreen', authorization: 'Bearer sk-1' })).not.toThrow();
  });
});
