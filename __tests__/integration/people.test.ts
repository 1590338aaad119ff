import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { addPerson, changeRole, disablePerson, enablePerson, listPeople, PeopleError } from '@/lib/staff/people';
import { useTestDatabase } from '../helpers/database';

/**
 * Staff accounts' rules (lib/staff/people.ts), which /staff/people and `npm run staff` share: adding, a change of
 * role, disabling (which ends sessions) and enabling, each audited; the last active admin stays an active admin.
 */

const database = useTestDatabase();
let prisma: PrismaClient;
let admin: { id: string; email: string; role: string };

beforeAll(async () => {
  prisma = database.prisma;
  const person = await prisma.staffUser.create({
    data: { email: 'ada.admin@careoregon.example', name: 'Ada Admin', role: 'admin', emailVerified: true },
  });
  admin = { id: person.id, email: person.email, role: 'admin' };
});

const auditOf = (email: string) =>
  prisma.auditEvent.findMany({ where: { details: { path: ['email'], equals: email } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

test('an admin adds a person (address in lower case, verified, active), audited with who; the same address again is refused', async () => {
  expect(await addPerson(prisma, admin, { email: ' Ben.New@CareOregon.example ', name: 'Ben New', role: 'reviewer' })).toBe('added');
  expect(await prisma.staffUser.findUniqueOrThrow({ where: { email: 'ben.new@careoregon.example' } })).toMatchObject({
    name: 'Ben New',
    role: 'reviewer',
    disabled: false,
    emailVerified: true,
  });
  const [added] = await auditOf('ben.new@careoregon.example');
  expect(added).toMatchObject({
    action: 'staff_added',
    actorId: admin.id,
    actorEmail: admin.email,
    details: { by: admin.email, role: 'reviewer' },
  });

  await expect(addPerson(prisma, admin, { email: 'ben.new@careoregon.example', role: 'admin' })).rejects.toMatchObject({
    field: 'email',
    message: 'ben.new@careoregon.example already has an account: change its role or enable it in the list.',
  });
  await expect(addPerson(prisma, admin, { email: 'not an address', role: 'viewer' })).rejects.toMatchObject({ field: 'email' });
  await expect(addPerson(prisma, admin, { email: 'cy@careoregon.example', role: 'owner' })).rejects.toMatchObject({ field: 'role' });
  await expect(addPerson(prisma, { ...admin, role: 'reviewer' }, { email: 'cy@careoregon.example', role: 'viewer' })).rejects.toThrow(
    new PeopleError('Only admins can change staff accounts.'),
  );
  expect(await prisma.staffUser.count({ where: { email: 'cy@careoregon.example' } })).toBe(0);
});

test('disabling ends every session of that person and no other; enabling lets them back; both audited', async () => {
  await addPerson(prisma, admin, { email: 'dee@careoregon.example', role: 'viewer' });
  const dee = await prisma.staffUser.findUniqueOrThrow({ where: { email: 'dee@careoregon.example' } });
  const session = (userId: string) => ({ id: randomUUID(), token: randomUUID(), userId, expiresAt: new Date(Date.now() + 3_600_000) });
  await prisma.staffSession.createMany({ data: [session(dee.id), session(dee.id), session(admin.id)] });

  expect(await disablePerson(prisma, admin, 'DEE@careoregon.example')).toBe(2);
  expect(await prisma.staffSession.count({ where: { userId: dee.id } })).toBe(0);
  expect(await prisma.staffSession.count({ where: { userId: admin.id } })).toBe(1);
  await enablePerson(prisma, admin, 'dee@careoregon.example');
  expect(await prisma.staffUser.findUniqueOrThrow({ where: { id: dee.id } })).toMatchObject({ disabled: false });
  expect((await auditOf('dee@careoregon.example')).map((event) => [event.action, event.details])).toEqual([
    ['staff_added', { by: admin.email, email: 'dee@careoregon.example', role: 'viewer' }],
    ['staff_disabled', { by: admin.email, email: 'dee@careoregon.example', sessionsEnded: '2' }],
    ['staff_enabled', { by: admin.email, email: 'dee@careoregon.example' }],
  ]);
  expect((await listPeople(prisma)).find((person) => person.email === 'dee@careoregon.example')).toMatchObject({
    role: 'viewer',
    disabled: false,
    lastSignIn: null,
  });
});

test('the last active admin can be neither demoted nor disabled; with a second admin, one of them can', async () => {
  const lastAdmin = 'This is the last active admin: make someone else an admin before you';
  await expect(changeRole(prisma, admin, admin.email, 'reviewer')).rejects.toThrow(`${lastAdmin} change this role.`);
  await expect(disablePerson(prisma, admin, admin.email)).rejects.toThrow(`${lastAdmin} disable this account.`);
  await expect(
    addPerson(prisma, { commandLine: 'ops@host (command line)' }, { email: admin.email, role: 'viewer' }, { ifExists: 'update' }),
  ).rejects.toThrow(`${lastAdmin} change this role.`);
  expect(await prisma.staffUser.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: 'admin', disabled: false });

  await addPerson(prisma, admin, { email: 'eve@careoregon.example', role: 'admin' });
  // Two admins demoting each other at the same moment: one wins, and an admin is left.
  const eve = {
    id: (await prisma.staffUser.findUniqueOrThrow({ where: { email: 'eve@careoregon.example' } })).id,
    email: 'eve@careoregon.example',
    role: 'admin',
  };
  const outcomes = await Promise.allSettled([
    changeRole(prisma, admin, eve.email, 'viewer'),
    changeRole(prisma, eve, admin.email, 'viewer'),
  ]);
  expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  expect(await prisma.staffUser.count({ where: { role: 'admin', disabled: false } })).toBe(1);
});
