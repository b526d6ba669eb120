import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses inside an operator's network or no one's: loopback, private, link-local, shared, multicast, reserved. */
const INSIDE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3],
] as const) INSIDE.addSubnet(network, prefix, 'ipv4');
// unspecified, loopback, unique local, link-local, multicast (an IPv4-mapped address is checked as the IPv4 one it maps)
for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) INSIDE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  return family === 0 || INSIDE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Why `url` points inside the operator's network — its host is such an address, or is a name
 * that resolves to one now — or undefined. A name that does not resolve passes: the connection
 * itself is checked again when it is made.
 */
export async function privateDestination(url: string): Promise<string | undefined> {
  const host = hostOf(url);
  if (isIP(host)) return isPrivateAddress(host) ? `${host} is a loopback, private or link-local address` : undefined;
  const addresses = await lookup(host, { all: true }).catch(() => []);
  const inside = addresses.find((a) => isPrivateAddress(a.address));
  return inside ? `${host} resolves to ${inside.address}, a loopback, private or link-local address` : undefined;
}

/** Whether `url` names a loopback, private or link-local address itself (connected to without a lookup). */
export function isPrivateLiteral(url: string): boolean {
  const host = hostOf(url);
  return isIP(host) !== 0 && isPrivateAddress(host);
}

/** The URL's host, an IPv6 address without its brackets. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}
