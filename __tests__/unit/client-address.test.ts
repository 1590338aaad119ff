import { clientAddress, clientAddressOf, PEER_HEADER } from '@/lib/client-address';

describe('clientAddress', () => {
  it('facing clients directly (no trusted proxy): the socket peer, whatever X-Forwarded-For the client wrote', () => {
    expect(clientAddress('203.0.113.7', null, 0)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '10.9.9.9', 0)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '10.9.9.9, 10.8.8.8', 0)).toBe('203.0.113.7');
  });

  it('behind trusted proxies: the entry the outermost one appended, whatever the client claimed before it', () => {
    // The client sent "10.9.9.9"; the load balancer (the peer) appended the address it saw.
    expect(clientAddress('192.0.2.1', '10.9.9.9, 198.51.100.4', 1)).toBe('198.51.100.4');
    // A CDN then a load balancer: the client is the entry the CDN appended.
    expect(clientAddress('192.0.2.1', '10.9.9.9, 198.51.100.4, 192.0.2.10', 2)).toBe('198.51.100.4');
    // Fewer entries than proxies configured: the leftmost there is.
    expect(clientAddress('192.0.2.1', '198.51.100.4', 3)).toBe('198.51.100.4');
    expect(clientAddress('192.0.2.1', null, 1)).toBe('192.0.2.1');
  });

  it('no peer address is one shared "unknown" client, whatever the headers say', () => {
    expect(clientAddress(null, '198.51.100.4', 0)).toBe('unknown');
    expect(clientAddress('', '198.51.100.4', 1)).toBe('unknown');
  });

  it('IPv4-mapped IPv6 counts as its IPv4 address; IPv6 counts by its /64 network', () => {
    expect(clientAddress('::ffff:203.0.113.7', null, 0)).toBe('203.0.113.7');
    expect(clientAddress('2001:db8:aa:bb:1:2:3:4', null, 0)).toBe('2001:db8:aa:bb::/64');
    expect(clientAddress('2001:db8:aa:bb:ffff::9', null, 0)).toBe('2001:db8:aa:bb::/64');
  });

  it('something that is not an address is still a key, lower-cased', () => {
    expect(clientAddress('192.0.2.1', 'Not-An-IP', 1)).toBe('not-an-ip');
  });
});

describe('clientAddressOf', () => {
  const forged = new Headers({ [PEER_HEADER]: '203.0.113.7', 'x-forwarded-for': '10.9.9.9' });

  it('trusts the peer header only in a process scripts/server.mjs started', () => {
    expect(clientAddressOf(forged, 0)).toBe('unknown');
    const mark = Symbol.for('provider-intake.peer-header');
    (globalThis as Record<symbol, unknown>)[mark] = PEER_HEADER;
    try {
      expect(clientAddressOf(forged, 0)).toBe('203.0.113.7');
      expect(clientAddressOf(undefined, 0)).toBe('unknown');
    } finally {
      delete (globalThis as Record<symbol, unknown>)[mark];
    }
  });
});
