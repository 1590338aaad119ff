import { randomUUID } from 'node:crypto';
import { registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { STATUSES, type Status } from '@/lib/staff/queue-filter';
import { addNote, assign, changeStatus, revealTin, WorkError } from '@/lib/staff/work';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { clinicUpdateFormData, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { truncateAll, useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

/**
 * What a reviewer does to a submission (lib/staff/work.ts) against a real database: every status move the workflow
 * allows and refuses, the version check (a stale page, and two reviewers at the same moment), assignment, notes,
 * and revealing a TIN, each with the audit event it writes.
 */

/** The workflow's moves, written out here rather than read from lib/staff/workflow.ts. */
const ALLOWED: Array<[Status, Status]> = [
  ['NEW', 'IN_REVIEW'],
  ['IN_REVIEW', 'WAITING_ON_APPLICANT'],
  ['IN_REVIEW', 'APPROVED'],
  ['IN_REVIEW', 'DECLINED'],
  ['WAITING_ON_APPLICANT', 'IN_REVIEW'],
  ['APPROVED', 'CLOSED'],
  ['DECLINED', 'CLOSED'],
];
const isAllowed = (from: Status, to: Status) => ALLOWED.some(([a, b]) => a === from && b === to);
/** Waiting on applicant needs a message to the applicant (applicant-messages.test.ts covers the messages). */
const messageFor = (to: Status) => (to === 'WAITING_ON_APPLICANT' ? 'Please send your W-9.' : '');

/** The contract request's TIN (validContractRequest) and the clinic update's new one (OTHER_TIN), in every spelling. */
const TIN_DIGITS = /987654321|98-7654321|7654321|912468035|91-2468035|2468035/;

const database = useTestDatabase({ truncate: true });
let prisma: PrismaClient;
interface Person {
  id: string;
  email: string;
  name: string;
}
let ana: Person;
let ben: Person;
let gone: Person;

beforeAll(async () => {
  prisma = database.prisma;
  // Staff accounts outlive truncateAll (it empties submissions and mail), so they are made once, here.
  const add = (email: string, name: string, disabled = false) =>
    prisma.staffUser.create({
      data: { email, name, role: 'reviewer', disabled, emailVerified: true },
      select: { id: true, email: true, name: true },
    });
  ana = await add('ana.work@careoregon.example', 'Ana Reviewer');
  ben = await add('ben.work@careoregon.example', 'Ben Reviewer');
  gone = await add('gone.work@careoregon.example', 'Gone Reviewer', true);
});

const actor = (person: Person) => ({ id: person.id, email: person.email, role: 'reviewer' as const });

/** A contract request sent through the real action: a submission with a real encrypted TIN (98-7654321). */
async function contractRequest(): Promise<{ id: string; reference: string }> {
  const { location, result } = await redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(validContractRequest())));
  if (!location) throw new Error(`contract request not sent: ${JSON.stringify(result)}`);
  return prisma.submission.findUniqueOrThrow({ where: { reference: location.split('/').pop()! }, select: { id: true, reference: true } });
}

/** A clinic update changing the TIN from 98-7654321 to 91-2468035. */
async function clinicUpdateWithTinChange(): Promise<{ id: string; reference: string }> {
  const { location, result } = await redirectOf(() =>
    submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(validClinicUpdate(['tin']))),
  );
  if (!location) throw new Error(`clinic update not sent: ${JSON.stringify(result)}`);
  return prisma.submission.findUniqueOrThrow({ where: { reference: location.split('/').pop()! }, select: { id: true, reference: true } });
}

/** A clinic alert e-mails registration: a submission with no TIN at all. */
async function clinicEmailsRegistration(): Promise<{ id: string; reference: string }> {
  const { location, result } = await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(validClinicEmails())));
  if (!location) throw new Error(`registration not sent: ${JSON.stringify(result)}`);
  const reference = new URL(location, 'https://intake.test').pathname.split('/').pop()!;
  return prisma.submission.findUniqueOrThrow({ where: { reference }, select: { id: true, reference: true } });
}

/** Puts a submission straight into a status (as earlier moves would have), leaving its version as it is. */
async function putInStatus(id: string, status: Status): Promise<void> {
  await prisma.submission.update({ where: { id }, data: { status } });
}

async function state(id: string) {
  const row = await prisma.submission.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, assigneeId: true, updatedAt: true },
  });
  const notes = await prisma.submissionNote.count({ where: { submissionId: id } });
  const audit = await prisma.auditEvent.count({ where: { submissionId: id } });
  return { ...row, notes, audit };
}

async function auditOf(id: string, action?: string) {
  return prisma.auditEvent.findMany({
    where: { submissionId: id, ...(action ? { action } : {}) },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}

/** The WorkError a call throws (failing the test if it throws something else, or nothing). */
async function workErrorOf(run: Promise<unknown>): Promise<WorkError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof WorkError)) throw new Error(`expected a WorkError, got ${error === undefined ? 'success' : String(error)}`);
  return error;
}

/**
 * The database as a reviewer's call sees it, except that right after its first `model.method` read, someone else's
 * change lands: the moment between checking the version and writing, made to happen every time.
 */
function withChangeAfterFirstRead(model: 'submission' | 'staffUser', method: string, change: () => Promise<void>): PrismaClient {
  let happened = false;
  const bound = (target: object, key: string | symbol) => {
    const value = Reflect.get(target, key, target);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  return new Proxy(prisma, {
    get(client, property) {
      if (property !== model) return bound(client, property);
      const delegate = Reflect.get(client, property, client) as object;
      return new Proxy(delegate, {
        get(target, key) {
          const original = bound(target, key);
          if (key !== method) return original;
          return async (...args: unknown[]) => {
            const result = await original(...args);
            if (!happened) {
              happened = true;
              await change();
            }
            return result;
          };
        },
      });
    },
  });
}

/** Every row of audit_event, as text. */
async function wholeAuditLog(): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<Array<{ row: string }>>('SELECT row_to_json(a)::text AS row FROM audit_event a');
  return rows.map((entry) => entry.row).join('\n');
}

describe('status moves', () => {
  it.each(ALLOWED)('%s → %s succeeds, bumps the version and records one status_change by the actor', async (from, to) => {
    const { id } = await contractRequest();
    await putInStatus(id, from);
    const before = await state(id);
    expect(before).toMatchObject({ status: from, version: 1, audit: 0 });

    await changeStatus(prisma, actor(ana), id, to, before.version, messageFor(to));

    const after = await state(id);
    expect(after).toMatchObject({ status: to, version: 2, notes: 0, audit: 1 });
    const [event] = await auditOf(id);
    expect(event).toMatchObject({
      action: 'status_change',
      actorId: ana.id,
      actorEmail: ana.email,
      submissionId: id,
      details: { from, to },
    });
    expect(event.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it.each(STATUSES)('from %s, every move the workflow does not allow is refused and changes nothing', async (from) => {
    const { id } = await contractRequest();
    await putInStatus(id, from);
    const before = await state(id);
    const refused = STATUSES.filter((to) => !isAllowed(from, to));
    expect(refused.length).toBeGreaterThan(0);
    for (const to of refused) {
      const error = await workErrorOf(changeStatus(prisma, actor(ana), id, to, before.version));
      expect(error.kind).toBe('refused');
      expect(error.message).toMatch(/cannot be moved to/);
    }
    expect(await state(id)).toEqual(before);
  });

  test('a submission walks the whole workflow, one version and one audit event per move, in order', async () => {
    const { id } = await contractRequest();
    const path: Status[] = ['IN_REVIEW', 'WAITING_ON_APPLICANT', 'IN_REVIEW', 'DECLINED', 'CLOSED'];
    let version = 1;
    for (const to of path) {
      await changeStatus(prisma, actor(version % 2 ? ana : ben), id, to, version, messageFor(to));
      version += 1;
    }
    expect(await state(id)).toMatchObject({ status: 'CLOSED', version: 6 });
    const events = await auditOf(id, 'status_change');
    expect(events.map((event) => [event.actorEmail, event.details])).toEqual([
      [ana.email, { from: 'NEW', to: 'IN_REVIEW' }],
      [ben.email, { from: 'IN_REVIEW', to: 'WAITING_ON_APPLICANT', messageId: expect.any(String) }],
      [ana.email, { from: 'WAITING_ON_APPLICANT', to: 'IN_REVIEW' }],
      [ben.email, { from: 'IN_REVIEW', to: 'DECLINED' }],
      [ana.email, { from: 'DECLINED', to: 'CLOSED' }],
    ]);
    // Closed is the end.
    for (const to of STATUSES) expect((await workErrorOf(changeStatus(prisma, actor(ana), id, to, 6))).kind).toBe('refused');
  });

  test('a submission that does not exist is not found', async () => {
    const error = await workErrorOf(changeStatus(prisma, actor(ana), randomUUID(), 'IN_REVIEW', 1));
    expect(error.kind).toBe('not-found');
  });
});

describe('the version check', () => {
  test('a stale version is a conflict naming the current status and assignee, and changes nothing', async () => {
    const { id } = await contractRequest();
    // Ben starts the review and takes it while Ana still has version 1 open.
    await changeStatus(prisma, actor(ben), id, 'IN_REVIEW', 1);
    await assign(prisma, actor(ben), id, ben.id, 2);
    const before = await state(id);
    expect(before).toMatchObject({ status: 'IN_REVIEW', version: 3, assigneeId: ben.id });

    // Ana's move would have been allowed from what she saw (New) and from what it is now (In review) alike.
    for (const to of ['IN_REVIEW', 'APPROVED'] as const) {
      const error = await workErrorOf(changeStatus(prisma, actor(ana), id, to, 1));
      expect(error.kind).toBe('conflict');
      expect(error.message).toContain('it is now In review, assigned to Ben Reviewer');
      expect(error.message).toContain('Your change was not saved');
    }
    const assignError = await workErrorOf(assign(prisma, actor(ana), id, ana.id, 2));
    expect(assignError.kind).toBe('conflict');
    expect(assignError.message).toContain('it is now In review, assigned to Ben Reviewer');
    expect(await state(id)).toEqual(before);
  });

  test('the conflict message says nobody when it is unassigned', async () => {
    const { id } = await contractRequest();
    await changeStatus(prisma, actor(ben), id, 'IN_REVIEW', 1);
    await changeStatus(prisma, actor(ben), id, 'WAITING_ON_APPLICANT', 2, messageFor('WAITING_ON_APPLICANT'));
    const error = await workErrorOf(changeStatus(prisma, actor(ana), id, 'IN_REVIEW', 2));
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('it is now Waiting on applicant, assigned to nobody');
  });

  test('a version from the future is a conflict too', async () => {
    const { id } = await contractRequest();
    const before = await state(id);
    expect((await workErrorOf(changeStatus(prisma, actor(ana), id, 'IN_REVIEW', 2))).kind).toBe('conflict');
    expect((await workErrorOf(assign(prisma, actor(ana), id, ana.id, 2))).kind).toBe('conflict');
    expect(await state(id)).toEqual(before);
  });

  test('a change landing between the version check and the write of a status change makes it a conflict', async () => {
    const { id } = await contractRequest();
    // Ben assigns it (version 1 → 2) just after Ana's move has read version 1, leaving the status New.
    const racing = withChangeAfterFirstRead('submission', 'findUnique', () => assign(prisma, actor(ben), id, ben.id, 1));
    const error = await workErrorOf(changeStatus(racing, actor(ana), id, 'IN_REVIEW', 1));
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('it is now New, assigned to Ben Reviewer');
    expect(await state(id)).toMatchObject({ status: 'NEW', version: 2, assigneeId: ben.id, audit: 1 });
    expect(await auditOf(id, 'status_change')).toHaveLength(0);
  });

  test('a change landing between the start of an assignment and its write makes it a conflict', async () => {
    const { id } = await contractRequest();
    // Ben starts the review (version 1 → 2) just after Ana's assignment has looked up the assignee.
    const racing = withChangeAfterFirstRead('staffUser', 'findFirst', () => changeStatus(prisma, actor(ben), id, 'IN_REVIEW', 1));
    const error = await workErrorOf(assign(racing, actor(ana), id, ana.id, 1));
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('it is now In review, assigned to nobody');
    expect(await state(id)).toMatchObject({ status: 'IN_REVIEW', version: 2, assigneeId: null, audit: 1 });
    expect(await auditOf(id, 'assignment')).toHaveLength(0);
  });

  test('two status changes at the same moment from the same version: exactly one succeeds, the other is a conflict', async () => {
    for (let round = 0; round < 3; round++) {
      await truncateAll();
      const { id } = await contractRequest();
      await putInStatus(id, 'IN_REVIEW');
      const results = await Promise.allSettled([
        changeStatus(prisma, actor(ana), id, 'APPROVED', 1),
        changeStatus(prisma, actor(ben), id, 'DECLINED', 1),
      ]);
      const won = results.findIndex((result) => result.status === 'fulfilled');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const lost = results[1 - won];
      expect(lost.status).toBe('rejected');
      const reason = (lost as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(WorkError);
      expect((reason as WorkError).kind).toBe('conflict');
      const winner = won === 0 ? { person: ana, to: 'APPROVED' } : { person: ben, to: 'DECLINED' };
      expect(await state(id)).toMatchObject({ status: winner.to, version: 2 });
      const events = await auditOf(id, 'status_change');
      expect(events.map((event) => [event.actorId, event.details])).toEqual([[winner.person.id, { from: 'IN_REVIEW', to: winner.to }]]);
    }
  });

  test('the same move twice at the same moment still happens once', async () => {
    const { id } = await contractRequest();
    const results = await Promise.allSettled([
      changeStatus(prisma, actor(ana), id, 'IN_REVIEW', 1),
      changeStatus(prisma, actor(ana), id, 'IN_REVIEW', 1),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await state(id)).toMatchObject({ status: 'IN_REVIEW', version: 2, audit: 1 });
  });

  test('two assignments at the same moment from the same version: exactly one succeeds, the other is a conflict', async () => {
    for (let round = 0; round < 3; round++) {
      await truncateAll();
      const { id } = await contractRequest();
      const results = await Promise.allSettled([assign(prisma, actor(ana), id, ana.id, 1), assign(prisma, actor(ben), id, ben.id, 1)]);
      const won = results.findIndex((result) => result.status === 'fulfilled');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const reason = (results[1 - won] as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(WorkError);
      expect((reason as WorkError).kind).toBe('conflict');
      const winner = won === 0 ? ana : ben;
      expect(await state(id)).toMatchObject({ assigneeId: winner.id, version: 2 });
      const events = await auditOf(id, 'assignment');
      expect(events.map((event) => [event.actorId, event.details])).toEqual([[winner.id, { from: null, to: winner.email }]]);
    }
  });

  test('a status change and an assignment at the same moment from the same version: only one of them', async () => {
    const { id } = await contractRequest();
    const results = await Promise.allSettled([
      changeStatus(prisma, actor(ana), id, 'IN_REVIEW', 1),
      assign(prisma, actor(ben), id, ben.id, 1),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const after = await state(id);
    expect(after.version).toBe(2);
    expect(after.audit).toBe(1);
    expect(after.status === 'IN_REVIEW').toBe(after.assigneeId === null);
  });
});

describe('assignment', () => {
  test('to an active staff member, to another, then to nobody: each bumps the version and is recorded with e-mails', async () => {
    const { id } = await contractRequest();
    await assign(prisma, actor(ana), id, ben.id, 1);
    expect(await state(id)).toMatchObject({ assigneeId: ben.id, version: 2, status: 'NEW' });
    await assign(prisma, actor(ben), id, ana.id, 2);
    expect(await state(id)).toMatchObject({ assigneeId: ana.id, version: 3 });
    await assign(prisma, actor(ana), id, null, 3);
    expect(await state(id)).toMatchObject({ assigneeId: null, version: 4 });

    const events = await auditOf(id, 'assignment');
    expect(events.map((event) => ({ actorId: event.actorId, actorEmail: event.actorEmail, details: event.details }))).toEqual([
      { actorId: ana.id, actorEmail: ana.email, details: { from: null, to: ben.email } },
      { actorId: ben.id, actorEmail: ben.email, details: { from: ben.email, to: ana.email } },
      { actorId: ana.id, actorEmail: ana.email, details: { from: ana.email, to: null } },
    ]);
  });

  test('assignment does not change the status', async () => {
    const { id } = await contractRequest();
    await putInStatus(id, 'WAITING_ON_APPLICANT');
    await assign(prisma, actor(ana), id, ana.id, 1);
    expect(await state(id)).toMatchObject({ status: 'WAITING_ON_APPLICANT', assigneeId: ana.id });
  });

  test('to a disabled staff member is refused and changes nothing', async () => {
    const { id } = await contractRequest();
    await assign(prisma, actor(ana), id, ben.id, 1);
    const before = await state(id);
    const error = await workErrorOf(assign(prisma, actor(ana), id, gone.id, 2));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('Choose an active staff member.');
    expect(await state(id)).toEqual(before);
  });

  test('to someone who is not a staff member is refused and changes nothing', async () => {
    const { id } = await contractRequest();
    const before = await state(id);
    expect((await workErrorOf(assign(prisma, actor(ana), id, randomUUID(), 1))).kind).toBe('refused');
    expect(await state(id)).toEqual(before);
  });

  test('a submission that does not exist is not found', async () => {
    expect((await workErrorOf(assign(prisma, actor(ana), randomUUID(), ana.id, 1))).kind).toBe('not-found');
  });
});

describe('notes', () => {
  test('a note is stored with its author; the audit event holds the note id, never its words', async () => {
    const { id } = await contractRequest();
    const words = 'Called the clinic: fax number confirmed by Dana (Zebrafish-Quartz).';
    await addNote(prisma, actor(ana), id, words);

    const notes = await prisma.submissionNote.findMany({ where: { submissionId: id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ submissionId: id, authorId: ana.id, body: words });

    const events = await auditOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'note', actorId: ana.id, actorEmail: ana.email, details: { noteId: notes[0].id } });
    expect(Object.keys(events[0].details as object)).toEqual(['noteId']);
    expect(await wholeAuditLog()).not.toMatch(/Zebrafish|Quartz|fax number/);
  });

  test('notes from two people are kept apart, each with its own audit event', async () => {
    const { id } = await contractRequest();
    await addNote(prisma, actor(ana), id, 'First');
    await addNote(prisma, actor(ben), id, 'Second');
    const notes = await prisma.submissionNote.findMany({ where: { submissionId: id }, orderBy: { createdAt: 'asc' } });
    expect(notes.map((note) => [note.authorId, note.body]).sort()).toEqual(
      [
        [ana.id, 'First'],
        [ben.id, 'Second'],
      ].sort(),
    );
    const events = await auditOf(id, 'note');
    expect(new Set(events.map((event) => (event.details as { noteId: string }).noteId))).toEqual(new Set(notes.map((note) => note.id)));
  });

  test('a note on a submission that does not exist is not found and stores nothing', async () => {
    const auditBefore = await prisma.auditEvent.count();
    const error = await workErrorOf(addNote(prisma, actor(ana), randomUUID(), 'Lost'));
    expect(error.kind).toBe('not-found');
    expect(await prisma.submissionNote.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });
});

describe('revealing a TIN', () => {
  test('a contract request’s TIN, formatted 98-7654321, with an audit event giving the reason and no digit of it', async () => {
    const { id } = await contractRequest();
    const tins = await revealTin(prisma, actor(ana), id, 'Checking against the W-9 sent by fax');
    expect(tins).toEqual([{ label: 'TIN', tin: '98-7654321' }]);

    const events = await auditOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'tin_reveal',
      actorId: ana.id,
      actorEmail: ana.email,
      details: { reason: 'Checking against the W-9 sent by fax', which: 'TIN' },
    });
    expect(await wholeAuditLog()).not.toMatch(TIN_DIGITS);
    // Revealing changes nothing about the submission.
    expect(await state(id)).toMatchObject({ status: 'NEW', version: 1 });
  });

  test('a clinic update with a TIN change reveals both the TIN and the new TIN', async () => {
    const { id } = await clinicUpdateWithTinChange();
    const tins = await revealTin(prisma, actor(ben), id, 'Verifying the TIN change with the IRS letter');
    expect(tins).toEqual([
      { label: 'TIN', tin: '98-7654321' },
      { label: 'New TIN', tin: '91-2468035' },
    ]);
    const [event] = await auditOf(id, 'tin_reveal');
    expect(event).toMatchObject({
      actorId: ben.id,
      details: { reason: 'Verifying the TIN change with the IRS letter', which: 'TIN, New TIN' },
    });
    expect(await wholeAuditLog()).not.toMatch(TIN_DIGITS);
  });

  test('each reveal is recorded, once per reveal', async () => {
    const { id } = await contractRequest();
    await revealTin(prisma, actor(ana), id, 'First look');
    await revealTin(prisma, actor(ben), id, 'Second look');
    const events = await auditOf(id, 'tin_reveal');
    expect(events.map((event) => [event.actorId, (event.details as { reason: string }).reason])).toEqual([
      [ana.id, 'First look'],
      [ben.id, 'Second look'],
    ]);
  });

  test('a clinic alert e-mails registration has no TIN: refused, and nothing is recorded', async () => {
    const { id } = await clinicEmailsRegistration();
    const error = await workErrorOf(revealTin(prisma, actor(ana), id, 'Looking for a TIN'));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('This submission has no TIN.');
    expect(await auditOf(id)).toHaveLength(0);
  });

  test('a submission that does not exist is not found, and nothing is recorded', async () => {
    const missing = randomUUID();
    expect((await workErrorOf(revealTin(prisma, actor(ana), missing, 'Looking'))).kind).toBe('not-found');
    expect(await prisma.auditEvent.count({ where: { submissionId: missing } })).toBe(0);
  });
});
