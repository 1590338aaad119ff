import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no type declarations (and there is no @types package installed)
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider 9) on 127.0.0.1 for tests; consent is granted as asked.
 *
 * - `login: 'scripted'` (the default, for jest): the interaction logs in the account named by `login_hint`, else
 *   `nextLogin`, without any form. An unknown account ends the interaction with access_denied, as a person
 *   cancelling would.
 * - `login: 'form'` (for the browser tests, __tests__/e2e/oidc-idp.ts): the interaction is a small HTML page
 *   where a person types an account's e-mail address and presses `Sign in`, or presses `Cancel`, which ends the
 *   interaction with access_denied. An address no account has shows the form again with a message.
 */

export interface TestAccount {
  email: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIdentityProvider {
  issuer: string;
  /** The account the next interaction logs in when the request has no login_hint. */
  nextLogin: string | undefined;
  close(): Promise<void>;
}

interface OidcContext {
  oidc: {
    client: { clientId: string };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    requestParamScopes?: Set<string>;
    result?: { consent?: { grantId?: string } };
    provider: { Grant: OidcGrantClass };
  };
}
interface OidcGrant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface OidcGrantClass {
  new (options: { clientId: string; accountId: string }): OidcGrant;
  find(id: string): Promise<OidcGrant | undefined>;
}
interface InteractionDetails {
  uid: string;
  params: Record<string, string | undefined>;
  prompt: { name: string };
}
interface OidcProvider {
  callback(): (request: http.IncomingMessage, response: http.ServerResponse) => void;
  interactionDetails(request: http.IncomingMessage, response: http.ServerResponse): Promise<InteractionDetails>;
  interactionFinished(request: http.IncomingMessage, response: http.ServerResponse, result: object, options: object): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

export interface TestIdentityProviderOptions {
  /** By subject (`sub`). */
  accounts: Record<string, TestAccount>;
  client: { clientId: string; clientSecret: string; redirectUri: string };
  /** How a person logs in: scripted (no page; the default) or through the login form. */
  login?: 'scripted' | 'form';
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

export async function startTestIdentityProvider(options: TestIdentityProviderOptions): Promise<TestIdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'test' };
  const state: { nextLogin: string | undefined } = { nextLogin: undefined };

  const provider: OidcProvider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: [options.client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    // Scope claims (email) in the id_token as well as at userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    async findAccount(_ctx: unknown, sub: string) {
      const account = options.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async loadExistingGrant(ctx: OidcContext) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope(oidc.requestParamScopes ? [...oidc.requestParamScopes].join(' ') : 'openid email profile');
      grant.addOIDCClaims(['email', 'email_verified', 'name']);
      await grant.save();
      return grant;
    },
    ttl: { Session: 60, Interaction: 60, Grant: 60, AccessToken: 60, IdToken: 60, AuthorizationCode: 60 },
  });
  provider.on('server_error', (_ctx, error) => console.error('[test idp] server_error', error));

  const callback = provider.callback();
  server.on('request', async (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (!request.url?.startsWith('/interaction/')) return callback(request, response);
    try {
      if (options.login === 'form') return await loginWithForm(provider, options.accounts, request, response);
      const details = await provider.interactionDetails(request, response);
      const accountId = details.params.login_hint ?? state.nextLogin;
      const result =
        details.prompt.name === 'login' && accountId && options.accounts[accountId]
          ? { login: { accountId } }
          : { error: 'access_denied', error_description: 'unknown test account' };
      await provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
    } catch (error) {
      response.statusCode = 500;
      response.end(String(error));
    }
  });

  return {
    issuer,
    get nextLogin() {
      return state.nextLogin;
    },
    set nextLogin(value) {
      state.nextLogin = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const CANCELLED = { error: 'access_denied', error_description: 'The person cancelled signing in' };

/**
 * The login page of `login: 'form'`: GET /interaction/<uid> shows the form, which posts back to the same address
 * (where oidc-provider's interaction cookie is sent).
 */
async function loginWithForm(
  provider: OidcProvider,
  accounts: Record<string, TestAccount>,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  const finish = (result: object) => provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
  // Consent is granted by loadExistingGrant, so the only interaction a person sees is the login.
  if (details.prompt.name !== 'login')
    return finish({ error: 'access_denied', error_description: `unexpected prompt ${details.prompt.name}` });
  if (request.method !== 'POST') return sendLoginPage(response, details, { email: details.params.login_hint ?? '' });

  const form = new URLSearchParams(await readBody(request));
  if (form.get('action') === 'cancel') return finish(CANCELLED);
  const email = (form.get('email') ?? '').trim();
  const accountId = Object.keys(accounts).find((sub) => accounts[sub].email.toLowerCase() === email.toLowerCase());
  if (email && accountId) return finish({ login: { accountId } });
  sendLoginPage(response, details, {
    email,
    error: email ? `No account here has the address ${email}.` : 'Enter the e-mail address of your account.',
  });
}

function sendLoginPage(response: http.ServerResponse, details: InteractionDetails, form: { email: string; error?: string }) {
  const action = `/interaction/${encodeURIComponent(details.uid)}`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${form.error ? 'Error: ' : ''}Sign in – Test identity provider</title>
</head>
<body>
<main>
<h1>Sign in to your organisation</h1>
<p>Test identity provider, signing you in to ${escapeHtml(details.params.client_id ?? 'an application')}.</p>
${form.error ? `<p role="alert">${escapeHtml(form.error)}</p>\n` : ''}<form method="post" action="${escapeHtml(action)}" novalidate>
<p><label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" spellcheck="false" value="${escapeHtml(form.email)}"></p>
<p><button type="submit" name="action" value="login">Sign in</button>
<button type="submit" name="action" value="cancel">Cancel</button></p>
</form>
</main>
</body>
</html>
`;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('login form too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Follows the identity provider's redirects the way a browser would (keeping its cookies) until one leads back
 * to `appUrl`; returns that address (the application's callback, with code and state).
 */
export async function followToApp(startUrl: string, appUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(startUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin === new URL(appUrl).origin) return url;
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`The identity provider answered ${response.status} without a redirect: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('Too many redirects at the identity provider');
}
