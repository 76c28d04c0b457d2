import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why an address is not on the public internet, or `public`. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'unspecified' | 'multicast' | 'reserved';

/** A block of addresses and what it is. Order matters: the first match wins (metadata before link-local). */
type Range = readonly [network: string, prefix: number, what: Exclude<AddressClass, 'public'>];

const ipv4Ranges: readonly Range[] = [
  ['169.254.169.254', 32, 'metadata'], // AWS, GCP, Azure, Alibaba (ECS also answers 100.100.100.200)
  ['100.100.100.200', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT
  ['169.254.0.0', 16, 'link-local'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'], // 6to4 relays
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

const ipv6Ranges: readonly Range[] = [
  ['fd00:ec2::254', 128, 'metadata'], // AWS IMDS over IPv6
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private'], // unique local
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
  ['::', 96, 'reserved'], // deprecated IPv4-compatible
  ['64:ff9b:1::', 48, 'reserved'], // local-use NAT64
  ['100::', 64, 'reserved'], // discard
  ['2001::', 23, 'reserved'], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32, 'reserved'], // documentation
];

const rangeClasses = new Map<string, Exclude<AddressClass, 'public'>>();
const lists = new Map<string, { list: BlockList; type: 'ipv4' | 'ipv6' }>();
for (const [type, ranges] of [['ipv4', ipv4Ranges], ['ipv6', ipv6Ranges]] as const) {
  for (const [network, prefix, what] of ranges) {
    const key = `${type}:${network}/${prefix}`;
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    lists.set(key, { list, type });
    rangeClasses.set(key, what);
  }
}

/**
 * What an IP address is. IPv6 forms that embed an IPv4 address (`::ffff:127.0.0.1`, NAT64
 * `64:ff9b::a00:1`, 6to4 `2002:0a00:0001::`) are judged by the IPv4 address they lead to,
 * since that is where a connection would end up. Anything that is not an IP literal is
 * `reserved`: the guard only ever connects to addresses it classified.
 */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return classifyIn(ipv4Ranges, 'ipv4', bare);
  if (!isIPv6(bare)) return 'reserved';
  const embedded = embeddedIpv4(bare);
  if (embedded) return classifyAddress(embedded);
  return classifyIn(ipv6Ranges, 'ipv6', bare);
}

/** Words in a sentence: "a loopback address". */
export function describeAddressClass(what: AddressClass): string {
  const names: Record<AddressClass, string> = {
    public: 'a public address',
    loopback: 'a loopback address',
    private: 'a private network address',
    'link-local': 'a link-local address',
    metadata: 'a cloud metadata address',
    unspecified: 'an unspecified address',
    multicast: 'a multicast address',
    reserved: 'a reserved address',
  };
  return names[what];
}

function classifyIn(ranges: readonly Range[], type: 'ipv4' | 'ipv6', address: string): AddressClass {
  for (const [network, prefix] of ranges) {
    const key = `${type}:${network}/${prefix}`;
    if (lists.get(key)!.list.check(address, type)) return rangeClasses.get(key)!;
  }
  return 'public';
}

/**
 * The IPv4 address inside an IPv4-mapped (`::ffff:0:0/96`), IPv4-translated (`::ffff:0:0:0/96`,
 * SIIT: `::ffff:0:127.0.0.1` reaches loopback on stacks that translate), NAT64 (`64:ff9b::/96`)
 * or 6to4 (`2002::/16`) address.
 */
function embeddedIpv4(address: string): string | undefined {
  const words = expandIpv6(address);
  if (!words) return undefined;
  const isMapped = words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff;
  const isTranslated = words.slice(0, 4).every((word) => word === 0) && words[4] === 0xffff && words[5] === 0;
  const isNat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((word) => word === 0);
  if (isMapped || isTranslated || isNat64) return ipv4Of(words[6]!, words[7]!);
  if (words[0] === 0x2002) return ipv4Of(words[1]!, words[2]!);
  return undefined;
}

/** Eight 16-bit words of an IPv6 address, its dotted IPv4 tail included. */
function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headWords = head ? head.split(':') : [];
  const tailWords = tail ? tail.split(':') : [];
  const missing = 8 - headWords.length - tailWords.length;
  if (tail === undefined ? headWords.length !== 8 : missing < 0) return undefined;
  const words = [...headWords, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailWords].map((word) => parseInt(word, 16));
  return words.length === 8 && words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff) ? words : undefined;
}

function ipv4Of(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
