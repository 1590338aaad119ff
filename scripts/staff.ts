// `npm run staff -- add <email> --role <viewer|reviewer|admin> [--name "Full name"]`, `list`, `disable <email>`:
// with /staff/people, the only ways staff accounts come to exist (nobody signs up); both follow lib/staff/people.ts. Every change is audited.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { isStaffRole, STAFF_ROLES } from '@/lib/auth/roles';
import { closeDatabase, database } from '@/lib/db/client';
import { DirectoryBusyError } from '@/lib/db/directory-lock';
import { addPerson, disablePerson, PeopleError, type PeopleActor } from '@/lib/staff/people';
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
  const actor: PeopleActor = { commandLine: `${os.userInfo().username}@${os.hostname()} (command line)` };

  if (command === 'list') {
    const staff = await prisma.staffUser.findMany({ orderBy: { email: 'asc' } });
    if (staff.length === 0) return 'No staff accounts yet. Add one with: npm run staff -- add <email> --role admin';
    return staff
      .map((member) => `${member.email.padEnd(40)} ${member.role.padEnd(9)} ${member.disabled ? 'disabled' : 'active  '} ${member.name}`)
      .join('\n');
  }

  if (command === 'add') {
    const outcome = await addPerson(prisma, actor, { email: email!, name: values.name, role: values.role! }, { ifExists: 'update' });
    return outcome === 'updated'
      ? `${email} was already a staff member: now ${values.role}, active.`
      : `Added ${email} as ${values.role}. They can sign in at /staff/sign-in.`;
  }

  await disablePerson(prisma, actor, email!);
  return `Disabled ${email}: they cannot sign in, and their sessions have ended.`;
}

main(process.argv.slice(2))
  .then(async (message) => {
    console.info(message);
    await closeDatabase();
  })
  .catch(async (error) => {
    if (error instanceof UsageError || error instanceof PeopleError) console.error(error.message);
    else if (error instanceof DirectoryBusyError)
      console.error(
        `The embedded database is in use by another process (pid ${error.pid}) that does not share it. ` +
          'A running server shares it (this command then works through it); stop that process first, or start the server, then run this again.',
      );
    else console.error(`[staff] ${(error as Error).message}`);
    await closeDatabase().catch(() => {});
    process.exit(1);
  });
