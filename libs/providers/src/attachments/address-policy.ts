import { classifyAddress, describeAddressClass } from './address-classification';

/** Where a connection is about to go: the name the client gave and the port. */
export interface ConnectTarget {
  hostname: string;
  port: number;
}

/**
 * Decides, at connect time, whether a URL fetched on a client's behalf may reach an address.
 * Injectable so that tests (and a deployment that wants a LAN image host) can allow a target
 * the default policy refuses.
 */
export interface AddressPolicy {
  /** Why connecting to `address` (resolved from `target.hostname`) is refused; undefined allows it. */
  refusalFor(address: string, target: ConnectTarget): string | undefined;
}

export interface PublicAddressPolicyOptions {
  /**
   * `address:port` pairs allowed although they are not public (`127.0.0.1:8080`,
   * `[::1]:8080`). Meant for tests; empty by default.
   */
  allowedTargets?: readonly string[];
}

/** The default: public unicast addresses only; no loopback, private, link-local, metadata or reserved ones. */
export class PublicAddressPolicy implements AddressPolicy {
  private readonly allowedTargets: ReadonlySet<string>;

  constructor(options: PublicAddressPolicyOptions = {}) {
    this.allowedTargets = new Set(options.allowedTargets ?? []);
  }

  refusalFor(address: string, target: ConnectTarget): string | undefined {
    const bare = address.replace(/^\[|\]$/g, '');
    if (this.allowedTargets.has(`${bare}:${target.port}`) || this.allowedTargets.has(`[${bare}]:${target.port}`)) return undefined;
    const what = classifyAddress(bare);
    if (what === 'public') return undefined;
    const hostname = target.hostname.replace(/^\[|\]$/g, '');
    return hostname === bare ? `${bare} is ${describeAddressClass(what)}` : `${hostname} resolves to ${bare}, ${describeAddressClass(what)}`;
  }
}
