import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthTokenService } from '../auth/auth-token.service';
import { authInterceptor } from '../auth/auth.interceptor';
import { errorInterceptor } from '../errors/error.interceptor';
import { NotifierService } from '../errors/notifier.service';
import { ControlApiService } from './control-api.service';

describe(ControlApiService.name, () => {
  let sut: ControlApiService;
  let http: HttpTestingController;
  const notifier = { error: jest.fn(), success: jest.fn() };

  beforeEach(() => {
    sessionStorage.clear();
    notifier.error.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'sign-in', children: [] }]),
        provideHttpClient(withInterceptors([authInterceptor, errorInterceptor])),
        provideHttpClientTesting(),
        { provide: NotifierService, useValue: notifier },
      ],
    });
    TestBed.inject(AuthTokenService).set('admin-token');
    sut = TestBed.inject(ControlApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends the admin token to /api and drops empty filters', () => {
    sut.requests({ limit: 25, offset: 0, model: '', status: 'error', from: undefined }).subscribe();
    const request = http.expectOne((candidate) => candidate.url === '/api/requests');
    expect(request.request.headers.get('authorization')).toBe('Bearer admin-token');
    expect(request.request.params.keys().sort()).toEqual(['limit', 'offset', 'status']);
    request.flush({ total: 0, items: [] });
  });

  it('posts a pasted account', () => {
    sut.addCredential({ cookies: 'token=a; b=c', label: 'me' }).subscribe();
    const request = http.expectOne('/api/credentials');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ cookies: 'token=a; b=c', label: 'me' });
    request.flush({});
  });

  it('shows failures in the snack bar, and signs out on 401', () => {
    sut.settings().subscribe({ error: () => undefined });
    http.expectOne('/api/settings').flush({ error: { message: 'The admin token is not valid.' } }, { status: 401, statusText: 'Unauthorized' });
    expect(notifier.error).toHaveBeenCalledWith('The admin token is not valid.', 'Sign in again with the token printed at start.');
    expect(TestBed.inject(AuthTokenService).signedIn()).toBe(false);
  });

  it('leaves a missing API-keys endpoint to the page (no snack bar)', () => {
    sut.apiKeys().subscribe({ error: () => undefined });
    http.expectOne('/api/api-keys').flush({ error: { message: 'Not found' } }, { status: 404, statusText: 'Not Found' });
    expect(notifier.error).not.toHaveBeenCalled();
  });
});
