import { contentSecurityPolicy, securityHeaders } from '@/lib/security-headers';

/** The headers scripts/server.mjs puts on every answer (lib/request-preparation.ts) (lib/security-headers.ts). */

const directives = (policy: string) => new Map(policy.split('; ').map((directive) => [directive.split(' ')[0], directive]));

describe('the Content-Security-Policy', () => {
  const policy = directives(contentSecurityPolicy({ nonce: 'abc123+/=', appUrl: 'https://intake.example.org' }));

  it('lets only scripts with this request’s nonce run, and what they load (strict-dynamic), never eval', () => {
    expect(policy.get('script-src')).toBe("script-src 'self' 'nonce-abc123+/=' 'strict-dynamic'");
    expect(policy.get('script-src')).not.toContain('unsafe-inline');
  });

  it('allows no plugins, no <base>, no framing, and forms only to this site', () => {
    expect(policy.get('object-src')).toBe("object-src 'none'");
    expect(policy.get('base-uri')).toBe("base-uri 'none'");
    expect(policy.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(policy.get('form-action')).toBe("form-action 'self'");
    expect(policy.get('default-src')).toBe("default-src 'self'");
  });

  it('lets a form lead on to the identity provider when single sign-on is set up', () => {
    const withSso = directives(
      contentSecurityPolicy({ nonce: 'n', appUrl: 'https://intake.example.org', formTargets: ['https://login.example.org'] }),
    );
    expect(withSso.get('form-action')).toBe("form-action 'self' https://login.example.org");
  });

  it('allows eval only to next dev', () => {
    expect(contentSecurityPolicy({ nonce: 'n', appUrl: 'http://localhost:3000', isDevelopment: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: 'n', appUrl: 'http://localhost:3000' })).not.toContain('unsafe-eval');
  });
});

describe('HSTS', () => {
  it('is sent when the site is served over https, for two years and its subdomains', () => {
    expect(securityHeaders({ nonce: 'n', appUrl: 'https://intake.example.org' })['Strict-Transport-Security']).toBe(
      'max-age=63072000; includeSubDomains',
    );
  });

  it('is not sent over plain http (a developer machine, the browser tests)', () => {
    expect(securityHeaders({ nonce: 'n', appUrl: 'http://localhost:3000' })).not.toHaveProperty('Strict-Transport-Security');
  });
});
