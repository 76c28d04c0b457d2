import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ControlApiService } from '../api/control-api.service';
import { type ConsoleToExtension, type ExtensionInfo, consoleSource, readPong } from './extension-messages';

export type ExtensionDetection = 'unknown' | 'detecting' | 'present' | 'absent';

/**
 * Talks to the Qwen Proxy Chrome extension through the page bridge: `ping` → `pong` tells
 * whether it is installed (and paired); `pair` hands it a one-time code from
 * `POST /api/extension/pairings`. The extension then captures the chat.qwen.ai cookies itself;
 * the console hears of the new account through `credential-changed`.
 */
@Injectable({ providedIn: 'root' })
export class ExtensionBridgeService {
  private readonly api = inject(ControlApiService);
  readonly detection = signal<ExtensionDetection>('unknown');
  readonly info = signal<ExtensionInfo | null>(null);

  /** Pings the extension; resolves with what it said, or null after `timeoutMs`. */
  detect(timeoutMs = 800, target: Window = window): Promise<ExtensionInfo | null> {
    this.detection.set('detecting');
    return new Promise((resolve) => {
      const onMessage = (event: MessageEvent) => {
        if (event.source !== target && event.source !== null) return;
        const pong = readPong(event.data);
        if (!pong) return;
        finish(pong);
      };
      const finish = (info: ExtensionInfo | null) => {
        clearTimeout(timer);
        target.removeEventListener('message', onMessage);
        this.info.set(info);
        this.detection.set(info ? 'present' : 'absent');
        resolve(info);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      target.addEventListener('message', onMessage);
      this.post({ source: consoleSource, type: 'ping' }, target);
    });
  }

  /** Gets a pairing code and hands it to the extension with this console's origin. */
  async pair(target: Window = window): Promise<void> {
    const { code } = await firstValueFrom(this.api.createPairingCode());
    this.post({ source: consoleSource, type: 'pair', controlUrl: target.location.origin, code }, target);
  }

  private post(message: ConsoleToExtension, target: Window): void {
    target.postMessage(message, target.location.origin);
  }
}
