// `npm run staff -- add <email> --role <viewer|reviewer|admin> [--name "Full name"]`, `list`, `disable <email>`:
// the only way staff accounts come to exist (nobody signs up). Every change is in the audit log.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { recordAudit } from '@/lib/audit';
import { isStaffRole, STAFF_ROLES } from '@/lib/auth/roles';
import { closeDatabase, database } from '@/lib/db/client';
import { DirectoryBusyError } from '@/lib/db/directory-lock';
import { emailAddress } from '@/lib/validation/fields';

const USAGE = `Usage:
  npm run staff -- add <email> --role <${STAFF_ROLES.join('|')}> [--name "Full name"]
  npm run staff -- list
  npm run staff -- disable <email>`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, address] = positionals;
  if (!command || !['add', 'list', 'disable'].includes(command)) throw new UsageError(USAGE);
  const email = address?.trim().toLowerCase();
  if (command !== 'list' && (!email || !emailAddress('').safeParse(email).success))
    throw new UsageError(`Give an e-mail address.\n${USAGE}`);
  if (command === 'add' && !isStaffRole(values.role)) throw new UsageError(`Give a role: --role ${STAFF_ROLES.join(', ')}.\n${USAGE}`);

  const { prisma } = await database();
  // The command line has no staff identity: the audit log records the operating-system user who ran it.
  const actor = { email: `${os.userInfo().username}@${os.hostname()} (command line)` };

  if (command === 'list') {
    const staff = await prisma.staffUser.findMany({ orderBy: { email: 'asc' } });
    if (staff.length === 0) return 'No staff accounts yet. Add one with: npm run staff -- add <email> --role admin';
    return staff
      .map((member) => `${member.email.padEnd(40)} ${member.role.padEnd(9)} ${member.disabled ? 'disabled' : 'active  '} ${member.name}`)
      .join('\n');
  }

  if (command === 'add') {
    const role = values.role!;
    const name = values.name?.trim() || email!.split('@')[0];
    const existing = await prisma.staffUser.findUnique({ where: { email } });
    if (existing) {
      await prisma.$transaction(async (tx) => {
        await tx.staffUser.update({ where: { id: existing.id }, data: { role, disabled: false, ...(values.name ? { name } : {}) } });
        await recordAudit(tx, {
          action: 'staff_changed',
          actor: null,
          details: { by: actor.email, email: email!, role, was: `${existing.role}${existing.disabled ? ', disabled' : ''}` },
        });
      });
      return `${email} was already a staff member: now ${role}, active.`;
    }
    await prisma.$transaction(async (tx) => {
      // emailVerified: the address is the admin's word, and better-auth links single sign-on only to verified ones.
      await tx.staffUser.create({ data: { email: email!, name, role, emailVerified: true } });
      await recordAudit(tx, { action: 'staff_added', actor: null, details: { by: actor.email, email: email!, role } });
    });
    return `Added ${email} as ${role}. They can sign in at /staff/sign-in.`;
  }

  const existing = await prisma.staffUser.findUnique({ where: { email } });
  if (!existing) throw new UsageError(`No staff account has the address ${email}.`);
  await prisma.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: existing.id }, data: { disabled: true } });
    const { count } = await tx.staffSession.deleteMany({ where: { userId: existing.id } });
    await recordAudit(tx, {
      action: 'staff_disabled',
      actor: null,
      details: { by: actor.email, email: email!, sessionsEnded: String(count) },
    });
  });
  return `Disabled ${email}: they cannot sign in, and their sessions have ended.`;
}

main(process.argv.slice(2))
  .then(async (message) => {
    console.info(message);
    await closeDatabase();
  })
  .catch(async (error) => {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof DirectoryBusyError)
      console.error(
        `The embedded database is in use by another process (pid ${error.pid}), probably the running server. ` +
          'Stop the server first, then run this again. (With DATABASE_URL set, this works while the server runs.)',
      );
    else console.error(`[staff] ${(error as Error).message}`);
    await closeDatabase().catch(() => {});
    process.exit(1);
  });
