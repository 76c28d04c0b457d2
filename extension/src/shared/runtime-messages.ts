import type { PopupState } from './popup-state';

/** Messages from content scripts and the popup to the service worker, each with its answer type. */
export type RuntimeRequest =
  | { type: 'bridge-hello'; controlUrl: string }
  | { type: 'bridge-pair'; controlUrl: string; code: string }
  | { type: 'qwen-page'; token: string | null }
  | { type: 'popup-state' }
  | { type: 'sync-now' }
  | { type: 'unpair' }
  | { type: 'allow-control-origin'; controlUrl: string };

export interface BridgeHelloAnswer {
  version: string;
  paired: boolean;
}

export type PairAnswer = { ok: true } | { ok: false; error: string };

export type { PopupState };
