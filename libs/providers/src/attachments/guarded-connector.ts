import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy';

/** Every address a name resolves to (injectable, so specs can make names resolve anywhere). */
export type HostLookup = (hostname: string) => Promise<ReadonlyArray<{ address: string }>>;

export const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The policy refused every way to the host; the fetch ends here. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_ADDRESS_REFUSED';

  constructor(readonly reason: string) {
    super(`Connection refused by the address policy: ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

export interface GuardedConnectorOptions {
  policy: AddressPolicy;
  lookup?: HostLookup;
  connectTimeoutMs?: number;
}

/**
 * An undici connector that resolves the host itself, asks the policy about every address it
 * resolves to, and connects to the checked address, never to a second resolution of the name.
 * Checking here, at connect time, covers redirects and DNS rebinding alike: no connection
 * opens anywhere the policy has not seen.
 */
export function guardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  const connect = buildConnector({ timeout: options.connectTimeoutMs });
  const lookup = options.lookup ?? systemLookup;
  return (connectOptions, callback) => {
    const hostname = connectOptions.hostname.replace(/^\[|\]$/g, '');
    const port = Number(connectOptions.port) || (connectOptions.protocol === 'https:' ? 443 : 80);
    checkedAddress(hostname, port, options.policy, lookup).then(
      (address) =>
        connect(
          // TLS still verifies the certificate against the name, not the address.
          { ...connectOptions, hostname: address, servername: connectOptions.servername ?? (isIP(hostname) ? undefined : hostname) },
          callback,
        ),
      (error: Error) => callback(error, null),
    );
  };
}

/** The address to connect to; refused if the name leads to any address the policy refuses. */
async function checkedAddress(hostname: string, port: number, policy: AddressPolicy, lookup: HostLookup): Promise<string> {
  const addresses = isIP(hostname) ? [hostname] : (await lookup(hostname)).map((entry) => entry.address);
  if (addresses.length === 0) throw Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' });
  // One bad address is enough to refuse: a name that mixes a public and a private address is
  // an attempt to get the private one tried.
  for (const address of addresses) {
    const refusal = policy.refusalFor(address, { hostname, port });
    if (refusal) throw new AddressRefusedError(refusal);
  }
  return addresses[0]!;
}
