import { startTestIdentityProvider } from '../helpers/oidc-provider';
import { IDP_ACCOUNTS, SSO_CLIENT } from './staff-accounts';

/**
 * The identity provider of the browser tests: a real OpenID Connect provider (oidc-provider, through the jest
 * tests' helper) with a login page a person types into. playwright.config.ts starts it before the app server
 * with IDP_PORT and APP_URL, and waits for its /.well-known/openid-configuration; it runs until stopped.
 */
async function main() {
  const port = Number(process.env.IDP_PORT);
  const appUrl = process.env.APP_URL;
  if (!Number.isInteger(port) || port <= 0 || !appUrl) throw new Error('IDP_PORT and APP_URL must be set');
  const idp = await startTestIdentityProvider({
    accounts: Object.fromEntries(Object.entries(IDP_ACCOUNTS).map(([sub, account]) => [sub, { ...account, email_verified: true }])),
    client: { ...SSO_CLIENT, redirectUri: `${appUrl.replace(/\/+$/, '')}/api/auth/callback/sso` },
    login: 'form',
    port,
  });
  console.log(`[test idp] ${idp.issuer}, ${Object.keys(IDP_ACCOUNTS).length} accounts, client ${SSO_CLIENT.clientId}`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error('[test idp] could not start:', error);
  process.exit(1);
});
