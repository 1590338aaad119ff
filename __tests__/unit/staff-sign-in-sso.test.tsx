import type { ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/**
 * Single sign-on is offered only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set (lib/env.ts
 * refuses to start with only some). The browser tests run with all three (playwright.config.ts), so the page
 * without them is proven here: the sign-in page's single sign-on part, rendered on the server as the page renders
 * it, from the real configuration (lib/auth imports better-auth, which needs Node's globals: no jsdom here).
 */

const OIDC = {
  OIDC_ISSUER: 'https://login.careoregon.test/realms/staff',
  OIDC_CLIENT_ID: 'provider-intake',
  OIDC_CLIENT_SECRET: 'a-client-secret',
} as const;
type OidcVariables = Partial<Record<keyof typeof OIDC, string>>;

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** lib/env reads process.env once per module registry: each configuration gets a fresh one. */
const APP_URL = 'https://intake.careoregon.test';

async function withOidc(variables: OidcVariables) {
  for (const key of Object.keys(OIDC)) delete process.env[key];
  Object.assign(process.env, { APP_URL }, variables);
  let loaded:
    | { SingleSignOn: ComponentType; isSingleSignOnConfigured: () => boolean; startSingleSignOn: (request: Request) => Promise<Response> }
    | undefined;
  await jest.isolateModulesAsync(async () => {
    const [{ SingleSignOn }, { isSingleSignOnConfigured }, { POST }] = await Promise.all([
      import('@/app/staff/sign-in/single-sign-on'),
      import('@/lib/auth/auth'),
      import('@/app/staff/sign-in/sso/route'),
    ]);
    loaded = { SingleSignOn, isSingleSignOnConfigured, startSingleSignOn: POST };
  });
  return loaded!;
}

describe('the sign-in page’s single sign-on', () => {
  it('is not offered when OIDC is not configured: nothing at all (no button, no form to the start route, no "Or" heading)', async () => {
    const { SingleSignOn, isSingleSignOnConfigured, startSingleSignOn } = await withOidc({});
    expect(isSingleSignOnConfigured()).toBe(false);
    expect(renderToStaticMarkup(<SingleSignOn />)).toBe('');

    // A post to the start route anyway (a stale page, a crafted form) leads back to the sign-in page, nowhere else:
    // at APP_URL, not at the address the server sees itself at behind a proxy.
    const response = await startSingleSignOn(
      new Request('http://localhost:3000/staff/sign-in/sso', { method: 'POST', headers: { origin: APP_URL } }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${APP_URL}/staff/sign-in`);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('is not offered when the variables are set but empty (KEY= in a .env file)', async () => {
    const { SingleSignOn, isSingleSignOnConfigured } = await withOidc({ OIDC_ISSUER: '', OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '' });
    expect(isSingleSignOnConfigured()).toBe(false);
    expect(renderToStaticMarkup(<SingleSignOn />)).toBe('');
  });

  it('is offered when all three are set: a button posting a plain form to /staff/sign-in/sso, then the e-mail option’s heading', async () => {
    const { SingleSignOn, isSingleSignOnConfigured } = await withOidc(OIDC);
    expect(isSingleSignOnConfigured()).toBe(true);
    // The browser tests press this button (staff-sso.spec.ts), with JavaScript on and off.
    const markup = renderToStaticMarkup(<SingleSignOn />);
    const form =
      /<form (?=[^>]*\bmethod="post")(?=[^>]*\baction="\/staff\/sign-in\/sso")[^>]*><button type="submit"[^>]*>Sign in with single sign-on<\/button><\/form>/;
    expect(markup).toMatch(form);
    expect(markup).toMatch(/<\/form><h2>Or sign in with a link by e-mail<\/h2>$/);
  });

  it('with only some of the three, the configuration is refused, naming what is missing', async () => {
    const { isSingleSignOnConfigured } = await withOidc({ OIDC_ISSUER: OIDC.OIDC_ISSUER, OIDC_CLIENT_ID: OIDC.OIDC_CLIENT_ID });
    expect(() => isSingleSignOnConfigured()).toThrow(
      /single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET missing/,
    );
  });
});
