/**
 * The small part of the Chrome extension API this extension uses. @types/chrome is not a
 * dependency of the project, and a hand-written subset keeps every call we make visible.
 */
declare namespace chrome {
  namespace runtime {
    interface MessageSender {
      id?: string;
      url?: string;
      origin?: string;
      tab?: chrome.tabs.Tab;
      frameId?: number;
    }
    interface Manifest {
      version: string;
      host_permissions?: string[];
      content_scripts?: { matches: string[]; js?: string[] }[];
    }
    const id: string;
    function getManifest(): Manifest;
    function getURL(path: string): string;
    function sendMessage<Response = unknown>(message: unknown): Promise<Response>;
    const onMessage: {
      addListener(
        callback: (message: unknown, sender: MessageSender, sendResponse: (response?: unknown) => void) => boolean | void,
      ): void;
    };
    const onInstalled: { addListener(callback: (details: { reason: string }) => void): void };
    const onStartup: { addListener(callback: () => void): void };
  }

  namespace cookies {
    interface Cookie {
      name: string;
      value: string;
      domain: string;
      hostOnly: boolean;
      path: string;
      secure: boolean;
      httpOnly: boolean;
      session: boolean;
      expirationDate?: number;
    }
    interface CookieChangeInfo {
      removed: boolean;
      cookie: Cookie;
      cause: 'evicted' | 'expired' | 'explicit' | 'expired_overwrite' | 'overwrite';
    }
    function getAll(details: { domain?: string; url?: string; name?: string }): Promise<Cookie[]>;
    const onChanged: { addListener(callback: (changeInfo: CookieChangeInfo) => void): void };
  }

  namespace storage {
    interface StorageArea {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    }
    const local: StorageArea;
    const onChanged: { addListener(callback: (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, areaName: string) => void): void };
  }

  namespace tabs {
    interface Tab {
      id?: number;
      url?: string;
    }
    function query(queryInfo: { url?: string | string[] }): Promise<Tab[]>;
    function create(properties: { url: string }): Promise<Tab>;
  }

  namespace scripting {
    interface RegisteredContentScript {
      id: string;
      matches?: string[];
      js?: string[];
      runAt?: 'document_start' | 'document_end' | 'document_idle';
      persistAcrossSessions?: boolean;
    }
    function registerContentScripts(scripts: RegisteredContentScript[]): Promise<void>;
    function unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    function getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredContentScript[]>;
    function executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown[]>;
  }

  namespace permissions {
    function request(permissions: { origins?: string[] }): Promise<boolean>;
    function contains(permissions: { origins?: string[] }): Promise<boolean>;
  }
}

declare namespace chrome {
  namespace alarms {
    function create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void>;
    const onAlarm: { addListener(callback: (alarm: { name: string }) => void): void };
  }
}
