/** Why `/v1/*` is open or needs keys right now: the one rule, stated for people too. */
export type ApiAccessReason = 'no-keys' | 'keys-exist' | 'required-by-setting' | 'open-by-setting' | 'beyond-loopback';

export interface ApiAccessMode {
  /** False: open mode, any non-empty key is accepted. True: a valid API key (or the admin token). */
  keysRequired: boolean;
  reason: ApiAccessReason;
  /** One sentence a person can act on. */
  message: string;
  /** Keys neither revoked nor expired. */
  activeKeys: number;
}

export interface ApiAccessFacts {
  onLoopback: boolean;
  /** The `requireApiKeys` setting; undefined while never set. */
  requireApiKeys: boolean | undefined;
  /** Any key row exists (revoked and expired count). */
  anyKeyDefined: boolean;
  activeKeys: number;
}

/** Pure: the access mode for these facts. */
export function apiAccessModeOf(facts: ApiAccessFacts): ApiAccessMode {
  const { activeKeys } = facts;
  const none = activeKeys === 0 ? ' No key is active: create one in Settings → API keys.' : '';
  if (!facts.onLoopback) {
    return {
      keysRequired: true,
      reason: 'beyond-loopback',
      message: `API keys are required: the proxy listens beyond this machine (HOST), so open mode is off.${none}`,
      activeKeys,
    };
  }
  if (facts.requireApiKeys === false) {
    return { keysRequired: false, reason: 'open-by-setting', message: 'Open mode (requireApiKeys is off): any non-empty API key is accepted on this machine.', activeKeys };
  }
  if (facts.requireApiKeys === true) {
    return { keysRequired: true, reason: 'required-by-setting', message: `API keys are required (requireApiKeys is on): send a key from Settings → API keys.${none}`, activeKeys };
  }
  if (facts.anyKeyDefined) {
    return { keysRequired: true, reason: 'keys-exist', message: `API keys are required because keys were created: send a key from Settings → API keys.${none}`, activeKeys };
  }
  return { keysRequired: false, reason: 'no-keys', message: 'Open mode: no API key was created, so any non-empty key is accepted on this machine.', activeKeys };
}
