import ipaddr from 'ipaddr.js';

/**
 * The address a request came from, as rate limits count it. Next sets X-Forwarded-For to the socket's address
 * only when the request has none, so the header is the client's word unless proxies we trust append to it:
 * with `trustedProxies` of them, the client is the entry the outermost one added (counting from the right).
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return 'unknown';
  const index = Math.max(hops.length - Math.max(trustedProxies, 1), 0);
  return normalizeAddress(hops[index]);
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) counts as the IPv4 address it carries; IPv6 counts by its /64 network. */
function normalizeAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address.toLowerCase();
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
