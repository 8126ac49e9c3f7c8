import { BlockList, isIPv6 } from 'node:net';

/** Where a reverse proxy in front of Tally can be: this machine, or a private network (a LAN, a container network). */
const PROXY_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  PROXY_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
PROXY_NETWORKS.addAddress('::1', 'ipv6');
PROXY_NETWORKS.addSubnet('fc00::', 7, 'ipv6');
PROXY_NETWORKS.addSubnet('fe80::', 10, 'ipv6');

/**
 * Fastify's trustProxy test for `--trust-proxy`: believe X-Forwarded-* from the peer only, and only
 * when the peer is on this machine or a private network. Trusting every hop (`true`) would make the
 * client's own X-Forwarded-For entry its address, so it could dodge the per-address login limit with
 * each request; so would a client that reaches the port directly, past the proxy.
 */
export function isTrustedProxy(address: string, hop: number): boolean {
  return hop === 0 && PROXY_NETWORKS.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
}
