import { recordAudit } from '@/lib/audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { useTestDatabase } from '../helpers/database';

/** The audit log is append-only in the database itself (triggers), on PGlite and on PostgreSQL alike. */

const database = useTestDatabase();
let prisma: PrismaClient;

const APPEND_ONLY = /audit_event is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/;

async function snapshot() {
  return prisma.auditEvent.findMany({ orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}

let seeded: Awaited<ReturnType<typeof snapshot>>;
beforeAll(async () => {
  prisma = database.prisma;
  await recordAudit(prisma, {
    action: 'staff_added',
    actor: null,
    details: { by: 'ops@host (command line)', email: 'a@careoregon.test', role: 'admin' },
  });
  await recordAudit(prisma, {
    action: 'sign_in',
    actor: { id: '00000000-0000-4000-8000-000000000001', email: 'a@careoregon.test' },
    details: { via: 'e-mail link' },
  });
  await prisma.$transaction((tx) =>
    recordAudit(tx, { action: 'note', actor: { id: '00000000-0000-4000-8000-000000000001', email: 'a@careoregon.test' } }),
  );
  seeded = await snapshot();
});

test(`inserting works, with the time, actor and details as given (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
  expect(database.testDb.engine).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  // Rows written in the same millisecond may sort either way: compare as a set.
  expect(seeded.map((row) => row.action).sort()).toEqual(['note', 'sign_in', 'staff_added']);
  expect(seeded.find((row) => row.action === 'sign_in')).toMatchObject({
    actorId: '00000000-0000-4000-8000-000000000001',
    actorEmail: 'a@careoregon.test',
    details: { via: 'e-mail link' },
  });
  expect(seeded.find((row) => row.action === 'staff_added')).toMatchObject({ actorId: null, actorEmail: null, submissionId: null });
  for (const row of seeded) expect(Math.abs(row.at.getTime() - Date.now())).toBeLessThan(60_000);
});

test('UPDATE is refused, through Prisma and in raw SQL', async () => {
  await expect(
    prisma.auditEvent.update({
      where: { id: seeded.find((row) => row.action === 'sign_in')!.id },
      data: { actorEmail: 'someone.else@careoregon.test' },
    }),
  ).rejects.toThrow(/audit_event is append-only: UPDATE is not allowed/);
  await expect(prisma.auditEvent.updateMany({ data: { action: 'sign_out' } })).rejects.toThrow(/append-only: UPDATE/);
  await expect(prisma.$executeRawUnsafe(`UPDATE audit_event SET details = '{"via":"forged"}'::jsonb`)).rejects.toThrow(
    /append-only: UPDATE/,
  );
  expect(await snapshot()).toEqual(seeded);
});

test('DELETE is refused, through Prisma and in raw SQL', async () => {
  await expect(prisma.auditEvent.delete({ where: { id: seeded[0].id } })).rejects.toThrow(
    /audit_event is append-only: DELETE is not allowed/,
  );
  await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only: DELETE/);
  await expect(prisma.$executeRawUnsafe('DELETE FROM audit_event')).rejects.toThrow(/append-only: DELETE/);
  expect(await snapshot()).toEqual(seeded);
});

test('TRUNCATE is refused, alone and together with other tables (which are then left alone too)', async () => {
  await expect(prisma.$executeRawUnsafe('TRUNCATE audit_event')).rejects.toThrow(/audit_event is append-only: TRUNCATE is not allowed/);
  await prisma.outboxMessage.create({ data: { template: 't', to: 'x@careoregon.test', subject: 's', text: 't', html: '<p>t</p>' } });
  await expect(prisma.$executeRawUnsafe('TRUNCATE outbox_message, audit_event')).rejects.toThrow(APPEND_ONLY);
  // The statement failed as a whole: the other table keeps its row.
  expect(await prisma.outboxMessage.count()).toBe(1);
  expect(await snapshot()).toEqual(seeded);
});

test('a refused change inside a transaction rolls the transaction back', async () => {
  await expect(
    prisma.$transaction(async (tx) => {
      await recordAudit(tx, { action: 'status_change', actor: null, details: { to: 'APPROVED' } });
      await tx.auditEvent.deleteMany({ where: { action: 'sign_in' } });
    }),
  ).rejects.toThrow(APPEND_ONLY);
  expect(await snapshot()).toEqual(seeded);
});

test('the rows survive all of the above, and new ones can still be added', async () => {
  await recordAudit(prisma, { action: 'sign_out', actor: { id: '00000000-0000-4000-8000-000000000001', email: 'a@careoregon.test' } });
  const rows = await snapshot();
  expect(rows.filter((row) => row.action !== 'sign_out')).toEqual(seeded);
  expect(rows.map((row) => row.action).sort()).toEqual(['note', 'sign_in', 'sign_out', 'staff_added']);
});
