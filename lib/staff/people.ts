import { recordAudit } from '@/lib/audit';
import { hasRole, isStaffRole, STAFF_ROLES, type StaffRole } from '@/lib/auth/roles';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { emailAddress } from '@/lib/validation/fields';

/**
 * Staff accounts: the one set of rules for adding people, changing a role, and disabling or enabling an account, used
 * by /staff/people and `npm run staff` alike. Each change is audited; disabling ends the person's sessions; the last
 * active admin can be neither disabled nor demoted (nobody could manage staff any more). Callers check that whoever
 * asks is an admin (the page) or runs the command line.
 */

/** Who made a change: a signed-in staff member (an admin, or refused), or the operating-system user at the command line. */
export type PeopleActor = { id: string; email: string; role: string } | { commandLine: string };

export class PeopleError extends Error {
  constructor(
    message: string,
    readonly field?: 'email' | 'name' | 'role',
  ) {
    super(message);
    this.name = 'PeopleError';
  }
}

export interface Person {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  lastSignIn: Date | null;
}

export async function listPeople(prisma: PrismaClient): Promise<Person[]> {
  const [people, signIns] = await Promise.all([
    prisma.staffUser.findMany({
      orderBy: [{ disabled: 'asc' }, { name: 'asc' }],
      select: { id: true, email: true, name: true, role: true, disabled: true },
    }),
    prisma.auditEvent.groupBy({ by: ['actorId'], where: { action: 'sign_in' }, _max: { at: true } }),
  ]);
  const last = new Map(signIns.map((row) => [row.actorId, row._max.at]));
  return people.map((person) => ({ ...person, role: person.role as StaffRole, lastSignIn: last.get(person.id) ?? null }));
}

/** The audit's actor for a change, once the actor is known to be allowed it: an admin, or the command line. */
function audited(actor: PeopleActor) {
  if ('commandLine' in actor) return { actor: null, by: actor.commandLine };
  if (!hasRole(actor.role, 'admin')) throw new PeopleError('Only admins can change staff accounts.');
  return { actor: { id: actor.id, email: actor.email }, by: actor.email };
}

export function checkedEmail(email: string): string {
  const parsed = emailAddress('Enter the person’s work e-mail address').safeParse(email);
  if (!parsed.success) throw new PeopleError(parsed.error.issues[0].message, 'email');
  return parsed.data.toLowerCase();
}

function checkedRole(role: string): StaffRole {
  if (!isStaffRole(role)) throw new PeopleError(`Choose a role: ${STAFF_ROLES.join(', ')}.`, 'role');
  return role;
}

/**
 * Adds a staff account. For an address that has one already, the page refuses; the command line (`ifExists: 'update'`)
 * gives it the role, enables it, and renames it when a name is given, as one audited change.
 */
export async function addPerson(
  prisma: PrismaClient,
  actor: PeopleActor,
  input: { email: string; name?: string; role: string },
  options: { ifExists: 'refuse' | 'update' } = { ifExists: 'refuse' },
): Promise<'added' | 'updated'> {
  const email = checkedEmail(input.email);
  const role = checkedRole(input.role);
  const typedName = input.name?.trim();
  if (typedName && typedName.length > 200) throw new PeopleError('A name is at most 200 characters.', 'name');
  const { actor: who, by } = audited(actor);
  return prisma.$transaction(async (tx) => {
    const found = await tx.staffUser.findUnique({ where: { email } });
    if (found && options.ifExists === 'refuse')
      throw new PeopleError(`${email} already has an account: change its role or enable it in the list.`, 'email');
    if (found) {
      if (found.role === 'admin' && role !== 'admin' && !found.disabled) await keepAnAdmin(tx, found.id, 'change this role');
      await tx.staffUser.update({ where: { id: found.id }, data: { role, disabled: false, ...(typedName ? { name: typedName } : {}) } });
      await recordAudit(tx, {
        action: 'staff_changed',
        actor: who,
        details: { by, email, role, was: `${found.role}${found.disabled ? ', disabled' : ''}` },
      });
      return 'updated';
    }
    // emailVerified: the address is the admin's word, and better-auth links single sign-on only to verified ones.
    await tx.staffUser.create({ data: { email, name: typedName || email.split('@')[0], role, emailVerified: true } });
    await recordAudit(tx, { action: 'staff_added', actor: who, details: { by, email, role } });
    return 'added';
  });
}

/**
 * Holds the staff table's admins still for the rest of the transaction, and refuses if the change would leave no active
 * admin: two admins demoting each other at once cannot both succeed.
 */
async function keepAnAdmin(tx: Prisma.TransactionClient, personId: string, what: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext('staff admins'))`;
  const others = await tx.staffUser.count({ where: { role: 'admin', disabled: false, id: { not: personId } } });
  if (others === 0) throw new PeopleError(`This is the last active admin: make someone else an admin before you ${what}.`, 'role');
}

async function existing(tx: Prisma.TransactionClient, email: string) {
  const person = await tx.staffUser.findUnique({ where: { email: checkedEmail(email) } });
  if (!person) throw new PeopleError(`No staff account has the address ${email}.`, 'email');
  return person;
}

export async function changeRole(prisma: PrismaClient, actor: PeopleActor, email: string, newRole: string): Promise<void> {
  const role = checkedRole(newRole);
  const { actor: who, by } = audited(actor);
  await prisma.$transaction(async (tx) => {
    const person = await existing(tx, email);
    if (person.role === role) return;
    if (person.role === 'admin' && !person.disabled) await keepAnAdmin(tx, person.id, 'change this role');
    await tx.staffUser.update({ where: { id: person.id }, data: { role } });
    await recordAudit(tx, { action: 'staff_changed', actor: who, details: { by, email: person.email, role, was: person.role } });
  });
}

export async function disablePerson(prisma: PrismaClient, actor: PeopleActor, email: string): Promise<number> {
  const { actor: who, by } = audited(actor);
  return prisma.$transaction(async (tx) => {
    const person = await existing(tx, email);
    if (person.disabled) return 0;
    if (person.role === 'admin') await keepAnAdmin(tx, person.id, 'disable this account');
    await tx.staffUser.update({ where: { id: person.id }, data: { disabled: true } });
    // Disabled means signed out everywhere, at once.
    const { count } = await tx.staffSession.deleteMany({ where: { userId: person.id } });
    await recordAudit(tx, { action: 'staff_disabled', actor: who, details: { by, email: person.email, sessionsEnded: String(count) } });
    return count;
  });
}

export async function enablePerson(prisma: PrismaClient, actor: PeopleActor, email: string): Promise<void> {
  const { actor: who, by } = audited(actor);
  await prisma.$transaction(async (tx) => {
    const person = await existing(tx, email);
    if (!person.disabled) return;
    await tx.staffUser.update({ where: { id: person.id }, data: { disabled: false } });
    await recordAudit(tx, { action: 'staff_enabled', actor: who, details: { by, email: person.email } });
  });
}
