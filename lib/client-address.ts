import ipaddr from 'ipaddr.js';

/**
 * The request header in which scripts/server.mjs puts the socket's peer address, replacing any a client sent, and the
 * global mark it sets when it starts. Without the mark (the app started some other way), the header proves nothing.
 */
export const PEER_HEADER = 'x-provider-intake-peer';
const PEER_MARK = Symbol.for('provider-intake.peer-header');

/** Whether this process was started by scripts/server.mjs, so the peer header is the socket's own. */
export function peerHeaderTrusted(): boolean {
  return (globalThis as Record<symbol, unknown>)[PEER_MARK] === PEER_HEADER;
}

/**
 * The address a request came from, as rate limits count it. The socket's peer is the last hop; each trusted proxy
 * appends the address it saw to X-Forwarded-For, so with `trustedProxies` of them the client is the entry the outermost
 * one added, counting back from the peer. Whatever a client writes in X-Forwarded-For itself lies further left and is
 * never read. Without a peer address (no request, or not started by scripts/server.mjs): 'unknown', one shared count.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, trustedProxies: number): string {
  if (!peer) return 'unknown';
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const chain = [...hops, peer];
  // Fewer hops than trusted proxies: the request skipped some of them, and the left-most entry is the best we have.
  return normalizeAddress(chain[Math.max(chain.length - 1 - Math.max(trustedProxies, 0), 0)]);
}

/** The client address of a request with these headers. */
export function clientAddressOf(headers: Pick<Headers, 'get'> | undefined, trustedProxies: number): string {
  if (!headers || !peerHeaderTrusted()) return 'unknown';
  return clientAddress(headers.get(PEER_HEADER), headers.get('x-forwarded-for'), trustedProxies);
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) counts as the IPv4 address it carries; IPv6 counts by its /64 network. */
function normalizeAddress(address: string): string {
  if (!ipaddr.isValid(address)) return address.toLowerCase();
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
