import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { ControlApiService } from '../api/control-api.service';
import { ExtensionBridgeService } from './extension-bridge.service';
import { readPong } from './extension-messages';

describe(ExtensionBridgeService.name, () => {
  const api = { createPairingCode: jest.fn(() => of({ code: 'PAIR-1', expiresAt: 1 })) };
  let sut: ExtensionBridgeService;
  let posted: unknown[];

  beforeEach(() => {
    posted = [];
    TestBed.configureTestingModule({ providers: [{ provide: ControlApiService, useValue: api }] });
    sut = TestBed.inject(ExtensionBridgeService);
    jest.spyOn(window, 'postMessage').mockImplementation((message: unknown) => {
      posted.push(message);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('detects an extension that answers the ping', async () => {
    const detection = sut.detect(500);
    window.dispatchEvent(new MessageEvent('message', { data: { source: 'qwen-proxy-extension', type: 'pong', version: '1.2.0', paired: true }, source: window }));
    expect(await detection).toEqual({ version: '1.2.0', paired: true });
    expect(posted).toEqual([{ source: 'qwen-proxy-console', type: 'ping' }]);
    expect(sut.detection()).toBe('present');
  });

  it('reports absent when nobody answers', async () => {
    expect(await sut.detect(10)).toBeNull();
    expect(sut.detection()).toBe('absent');
  });

  it('hands the extension a pairing code with this origin', async () => {
    await sut.pair();
    expect(posted).toEqual([{ source: 'qwen-proxy-console', type: 'pair', controlUrl: window.location.origin, code: 'PAIR-1' }]);
  });

  it('ignores messages that are not a pong', () => {
    expect(readPong({ source: 'someone-else', type: 'pong' })).toBeUndefined();
    expect(readPong('pong')).toBeUndefined();
  });
});
