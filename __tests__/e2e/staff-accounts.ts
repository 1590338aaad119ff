/**
 * The staff accounts of the browser tests. playwright.config.ts creates them with the staff CLI
 * (`scripts/staff.ts`) before the server starts (the embedded database takes one process at a time), and the
 * tests sign in as them. Plain data only: the config imports this file.
 */

export type Role = 'viewer' | 'reviewer' | 'admin';

export interface StaffAccount {
  email: string;
  name: string;
  role: Role;
}

export const STAFF: Record<Role, StaffAccount> = {
  viewer: { email: 'viewer@staff.test', name: 'Vera Viewer', role: 'viewer' },
  reviewer: { email: 'reviewer@staff.test', name: 'Rey Reviewer', role: 'reviewer' },
  admin: { email: 'admin@staff.test', name: 'Ada Admin', role: 'admin' },
};

/** Added, then disabled: it must get no sign-in link. */
export const DISABLED_STAFF: StaffAccount = { email: 'disabled@staff.test', name: 'Dora Disabled', role: 'reviewer' };

/** An address with no account at all. */
export const UNKNOWN_EMAIL = 'nobody@staff.test';

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Shell commands that create the accounts, through the same CLI an admin uses. `add` on an existing account
 * makes it active again with the given role, so this also works on a reused PostgreSQL database (E2E_DATABASE_URL).
 */
export function staffSetupCommands(cli: string): string[] {
  const add = ({ email, role, name }: StaffAccount) => `${cli} add ${quote(email)} --role ${role} --name ${quote(name)}`;
  return [...Object.values(STAFF).map(add), add(DISABLED_STAFF), `${cli} disable ${quote(DISABLED_STAFF.email)}`];
}

// ---- single sign-on ---------------------------------------------------------------------------------

/**
 * The test identity provider that playwright.config.ts starts before the app (__tests__/e2e/oidc-idp.ts, a real
 * oidc-provider), and the application's registration there, which the app gets as OIDC_*.
 */
export const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3201);
export const IDP_ORIGIN = `http://127.0.0.1:${IDP_PORT}`;
export const SSO_CLIENT = { clientId: 'provider-intake-e2e', clientSecret: 'e2e-client-secret' } as const;

export interface IdentityProviderAccount {
  email: string;
  name: string;
}

/**
 * The identity provider's accounts, by subject: every staff member above (named differently there, so a test can
 * tell which name the app shows), the disabled one, and an address the app has no account for.
 */
export const IDP_ACCOUNTS: Record<string, IdentityProviderAccount> = {
  ...Object.fromEntries(Object.values(STAFF).map(({ email, name, role }) => [`idp-${role}`, { email, name: `${name} (directory)` }])),
  'idp-disabled': { email: DISABLED_STAFF.email, name: `${DISABLED_STAFF.name} (directory)` },
  'idp-stranger': { email: UNKNOWN_EMAIL, name: 'Nobody Known' },
};
