import { initialSyncMemory, type SyncMemory } from './sync-state';

/** The pairing: which control plane, and the scoped token it issued (never the admin token). */
export interface Pairing {
  controlUrl: string;
  token: string;
}

interface StoredState {
  pairing?: Pairing;
  /** The control plane the popup points at while unpaired. */
  controlUrl?: string;
  /** The token the chat.qwen.ai page keeps in localStorage, as last reported. */
  pageToken?: string | null;
  syncMemory?: SyncMemory;
  /** Control-plane origins the person allowed from the popup (beyond the built-in ones). */
  customControlOrigins?: string[];
}

/** Typed access to chrome.storage.local, the only state that survives the worker being stopped. */
export const extensionStorage = {
  async pairing(): Promise<Pairing | undefined> {
    return ((await chrome.storage.local.get('pairing')) as StoredState).pairing;
  },
  async setPairing(pairing: Pairing | undefined): Promise<void> {
    if (pairing) await chrome.storage.local.set({ pairing, controlUrl: pairing.controlUrl });
    else await chrome.storage.local.remove('pairing');
  },
  async controlUrl(): Promise<string | undefined> {
    return ((await chrome.storage.local.get('controlUrl')) as StoredState).controlUrl;
  },
  async setControlUrl(controlUrl: string): Promise<void> {
    await chrome.storage.local.set({ controlUrl });
  },
  async pageToken(): Promise<string | null> {
    return ((await chrome.storage.local.get('pageToken')) as StoredState).pageToken ?? null;
  },
  async setPageToken(pageToken: string | null): Promise<void> {
    await chrome.storage.local.set({ pageToken });
  },
  async syncMemory(): Promise<SyncMemory> {
    return ((await chrome.storage.local.get('syncMemory')) as StoredState).syncMemory ?? initialSyncMemory;
  },
  async setSyncMemory(syncMemory: SyncMemory): Promise<void> {
    await chrome.storage.local.set({ syncMemory });
  },
  async customControlOrigins(): Promise<string[]> {
    return ((await chrome.storage.local.get('customControlOrigins')) as StoredState).customControlOrigins ?? [];
  },
  async setCustomControlOrigins(origins: string[]): Promise<void> {
    await chrome.storage.local.set({ customControlOrigins: origins });
  },
};
