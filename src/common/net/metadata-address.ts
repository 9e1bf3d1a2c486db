import { isIP } from 'node:net';

/**
 * Link-local (cloud metadata lives at 169.254.169.254) and AWS's IPv6
 * metadata address, in every spelling: dotted, IPv4-mapped or -compatible
 * IPv6 in dotted or hex form (`new URL` turns `[::ffff:169.254.169.254]`
 * into `[::ffff:a9fe:a9fe]`), and NAT64.
 */
export function isMetadataAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(a) === 4) return a.startsWith('169.254.');
  if (isIP(a) !== 6) return false;
  const groups = expandIPv6(a);
  if (!groups) return false;
  if (groups[0] === 0xfd00 && groups[1] === 0x0ec2 && groups.slice(2, 7).every((g) => g === 0) && groups[7] === 0x254) return true;
  if ((groups[0] & 0xffc0) === 0xfe80) return true; // fe80::/10
  const embedsIPv4 =
    (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0)) || // ::ffff:a.b.c.d, ::a.b.c.d
    (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)); // 64:ff9b::/96 (NAT64)
  return embedsIPv4 && groups[6] >> 8 === 169 && (groups[6] & 0xff) === 254;
}

/** Eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 included), or undefined. */
function expandIPv6(address: string): number[] | undefined {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}
