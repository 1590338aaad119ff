import { clientAddress } from '@/lib/client-address';

describe('clientAddress', () => {
  it('facing clients directly (no trusted proxy): the address Next put in X-Forwarded-For', () => {
    expect(clientAddress('203.0.113.7', 0)).toBe('203.0.113.7');
  });

  it('behind trusted proxies: the entry the outermost one appended, whatever the client claimed before it', () => {
    // The client sent "10.9.9.9"; the load balancer appended the address it saw.
    expect(clientAddress('10.9.9.9, 198.51.100.4', 1)).toBe('198.51.100.4');
    // A CDN then a load balancer: the client is the entry the CDN appended.
    expect(clientAddress('10.9.9.9, 198.51.100.4, 192.0.2.10', 2)).toBe('198.51.100.4');
    // Fewer entries than proxies configured: the leftmost there is.
    expect(clientAddress('198.51.100.4', 3)).toBe('198.51.100.4');
  });

  it('no header at all is one shared "unknown" client', () => {
    expect(clientAddress(null, 0)).toBe('unknown');
    expect(clientAddress(' , ', 1)).toBe('unknown');
  });

  it('IPv4-mapped IPv6 counts as its IPv4 address; IPv6 counts by its /64 network', () => {
    expect(clientAddress('::ffff:203.0.113.7', 0)).toBe('203.0.113.7');
    expect(clientAddress('2001:db8:aa:bb:1:2:3:4', 0)).toBe('2001:db8:aa:bb::/64');
    expect(clientAddress('2001:db8:aa:bb:ffff::9', 0)).toBe('2001:db8:aa:bb::/64');
  });

  it('something that is not an address is still a key, lower-cased', () => {
    expect(clientAddress('Not-An-IP', 0)).toBe('not-an-ip');
  });
});
