import { TestBed } from '@angular/core/testing';
import { AuthTokenService } from './auth-token.service';

describe(AuthTokenService.name, () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps the token in sessionStorage only, and clears it', () => {
    const sut = TestBed.inject(AuthTokenService);
    sut.set(' secret ');
    expect(sut.token()).toBe('secret');
    expect(sut.signedIn()).toBe(true);
    expect(sessionStorage.getItem('qwen-proxy.admin-token')).toBe('secret');
    expect(localStorage.getItem('qwen-proxy.admin-token')).toBeNull();
    sut.clear();
    expect(sut.signedIn()).toBe(false);
    expect(sessionStorage.getItem('qwen-proxy.admin-token')).toBeNull();
  });

  it('adopts ?token= once and removes it from the address bar', () => {
    const sut = TestBed.inject(AuthTokenService);
    const replaceState = jest.fn();
    const adopted = sut.adoptFromUrl({ href: 'http://127.0.0.1:3002/requests?token=abc&x=1#top' } as Location, { state: null, replaceState } as unknown as History);
    expect(adopted).toBe(true);
    expect(sut.token()).toBe('abc');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/requests?x=1#top');
    expect(sut.adoptFromUrl({ href: 'http://127.0.0.1:3002/' } as Location, { state: null, replaceState } as unknown as History)).toBe(false);
  });
});
