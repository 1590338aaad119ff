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
