import { confirmAddress, registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import type { KindServer } from '@/lib/intake/kind-server';
import { KINDS, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { openBody } from '@/lib/mail/outbox';
import { addNote, assign, changeStatus, revealTin, WorkError } from '@/lib/staff/work';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { clinicUpdateFormData, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';
import { addStaff } from '../helpers/staff';

/**
 * What every kind of request shares (lib/intake/): the one public submission pipeline each form goes through, the
 * labelled answers its receipt, its forward and the staff page all show, and the staff writes' own role check.
 */

const database = useTestDatabase({ truncate: true });

/** Each kind's form as a browser would post it, with anything more appended (a field sent twice). */
const FORMS: Record<SubmissionKind, (overrides?: Record<string, string>) => FormData> = {
  CONTRACT_REQUEST: (overrides) => toFormData(validContractRequest(overrides)),
  CLINIC_EMAILS: (overrides) => toFormData(validClinicEmails(overrides)),
  CLINIC_UPDATE: (overrides) => clinicUpdateFormData(validClinicUpdate(['address', 'tin'], overrides)),
};

/** Each kind's post, through its own Server Action. */
const ACTIONS: Record<SubmissionKind, (formData: FormData) => Promise<unknown>> = {
  CONTRACT_REQUEST: (formData) => submitContractRequest({ status: 'idle' }, formData),
  CLINIC_EMAILS: (formData) => registerClinicEmails({ status: 'idle' }, formData),
  CLINIC_UPDATE: (formData) => submitClinicUpdate({ status: 'idle' }, formData),
};

const post = (kind: SubmissionKind, formData: FormData) => redirectOf(() => ACTIONS[kind](formData));
const POSTS = Object.fromEntries(
  Object.entries(FORMS).map(([kind, form]) => [
    kind,
    (overrides?: Record<string, string>) => post(kind as SubmissionKind, form(overrides)),
  ]),
) as Record<SubmissionKind, (overrides?: Record<string, string>) => Promise<{ location?: string; result?: unknown }>>;

/** The NPI each form asks for first. */
const NPI_FIELD: Record<SubmissionKind, string> = { CONTRACT_REQUEST: 'npi', CLINIC_EMAILS: 'clinicNpi', CLINIC_UPDATE: 'clinicNpi' };

interface Refused {
  status: string;
  values: Record<string, string>;
  fieldErrors: Record<string, unknown>;
  formError?: string;
}

const referenceIn = (location: string | undefined) => /[A-Z]{3}-[0-9A-HJKMNP-TV-Z]{8}/.exec(location ?? '')?.[0];

describe('the public submission pipeline', () => {
  test.each(SUBMISSION_KINDS.map((kind) => [kind]))(
    '%s: a post without its submission key is stored nowhere, and comes back with a fresh key and everything typed',
    async (kind) => {
      const { location, result } = await POSTS[kind]({ submissionKey: '' });
      expect(location).toBeUndefined();
      const state = result as Refused;
      expect(state.status).toBe('invalid');
      expect(state.formError).toBe('This form was missing its submission key. Check your answers and send it again.');
      expect(state.values.submissionKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Object.values(state.values)).toContain('1234567893'); // the NPI typed, kept
      expect(await database.prisma.submission.count()).toBe(0);
    },
  );

  test.each(SUBMISSION_KINDS.map((kind) => [kind]))(
    '%s: when the database refuses it, the form says so with an incident number, keeps everything, and the same post works later',
    async (kind) => {
      const { prisma } = database;
      await prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$`,
      );
      await prisma.$executeRawUnsafe(
        'CREATE TRIGGER refuse_for_test BEFORE INSERT ON submission FOR EACH ROW EXECUTE FUNCTION refuse_for_test()',
      );
      const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
      let refused: { location?: string; result?: unknown };
      try {
        refused = await POSTS[kind]({ submissionKey: '6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a' });
      } finally {
        errors.mockRestore();
        await prisma.$executeRawUnsafe('DROP TRIGGER refuse_for_test ON submission');
      }
      expect(refused.location).toBeUndefined();
      const state = refused.result as Refused;
      expect(state.formError).toMatch(
        new RegExp(
          `^Sorry, we could not save your ${KINDS[kind].form.noun} just now\\. Nothing was lost from this page: please try again in a minute\\. If it keeps happening, quote incident [0-9a-f]{8}\\.$`,
        ),
      );
      expect(state.values.submissionKey).toBe('6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a');
      expect(await prisma.submission.count()).toBe(0);
      expect(await prisma.outboxMessage.count()).toBe(0);

      const retried = await POSTS[kind]({ submissionKey: '6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a' });
      expect(referenceIn(retried.location)?.slice(0, 3)).toBe(KINDS[kind].prefix);
      expect(await prisma.submission.count()).toBe(1);
    },
  );
});

describe('one meaning per post', () => {
  test.each(SUBMISSION_KINDS.map((kind) => [kind]))(
    '%s: a field sent twice (two NPIs) is refused beside that field, nothing stored',
    async (kind) => {
      const formData = FORMS[kind]();
      formData.append(NPI_FIELD[kind], '1245319599');
      const { location, result } = await post(kind, formData);
      expect(location).toBeUndefined();
      const state = result as Refused;
      expect(state.formError).toBe(
        'Part of this form could not be read as it was sent. Check the answers marked below, then send it again.',
      );
      expect(state.fieldErrors).toEqual({ [NPI_FIELD[kind]]: ['This answer arrived twice. Check it, then send the form again.'] });
      expect(state.values[NPI_FIELD[kind]]).toBe('1234567893');
      expect(await database.prisma.submission.count()).toBe(0);
    },
  );

  test.each(SUBMISSION_KINDS.map((kind) => [kind]))(
    '%s: bytes that were not UTF-8 (read as U+FFFD) are refused, nothing stored',
    async (kind) => {
      const field = kind === 'CONTRACT_REQUEST' ? 'providerName' : 'clinicName';
      const { location, result } = await POSTS[kind]({ [field]: 'Rose City Clinic \uFFFD\uFFFD' });
      expect(location).toBeUndefined();
      expect((result as Refused).fieldErrors).toEqual({
        [field]: ['Part of this answer could not be read. Type it again, then send the form again.'],
      });
      expect(await database.prisma.submission.count()).toBe(0);
    },
  );

  test('a clinic update’s ticked changes may come many times: that is how check boxes post', async () => {
    expect(referenceIn((await POSTS.CLINIC_UPDATE()).location)?.slice(0, 3)).toBe('CIU');
  });
});

describe('one list of answers for the receipt, the forward and the staff page', () => {
  /** The staff page's rows for the submission with this reference, and the text of its forward and receipt. */
  async function answersAndMail(reference: string) {
    const { prisma } = database;
    const submission = await prisma.submission.findUniqueOrThrow({ where: { reference } });
    const server: KindServer = await KINDS[submission.kind].server();
    const answers = (await server.staffAnswers(prisma, submission.id))!;
    const mail = await prisma.outboxMessage.findMany({ where: { submissionId: submission.id } });
    const text = (template: string) => mail.find((message) => message.template === template)!.text;
    return { answers, text };
  }

  test('a contract request: every row of the staff page is in the forward and the receipt, word for word, but the receipt’s free text', async () => {
    const reference = referenceIn((await POSTS.CONTRACT_REQUEST()).location)!;
    const { answers, text } = await answersAndMail(reference);
    expect(answers.rows.map(([label]) => label)).toEqual([
      'Provider or clinic name',
      'Specialty',
      'Phone',
      'Fax',
      'E-mail',
      'Physical address',
      'Mailing address',
      'NPI',
      'TIN',
      'DMAP ID',
      'Anything else',
    ]);
    expect(answers.maskedTin).toBe('•••••4321');
    for (const [label, value] of answers.rows) {
      expect(text('contract-request-forward')).toContain(`\n${label}: ${value}\n`);
      // The receipt goes to a typed address: the notes are not repeated there (a stranger's words, from our domain).
      if (label === 'Anything else')
        expect(text('contract-request-receipt')).toContain('\nAnything else: Received (not repeated in this e-mail)\n');
      else expect(text('contract-request-receipt')).toContain(`\n${label}: ${value}\n`);
    }
    expect(text('contract-request-receipt')).not.toContain('walk-ins');
  });

  test('a clinic update: the clinic, the sender and each new value are in the forward and the receipt', async () => {
    const reference = referenceIn((await POSTS.CLINIC_UPDATE()).location)!;
    const { answers, text } = await answersAndMail(reference);
    const rows = new Map(answers.rows);
    expect([...rows.keys()]).toEqual([
      'Clinic name',
      'Clinic NPI',
      'TIN',
      'Sent by',
      'E-mail',
      'Phone',
      'What is changing',
      'Effective date',
      'New address',
      'New TIN',
      'Anything else',
    ]);
    expect(answers.maskedTin).toBe('•••••4321');
    for (const template of ['clinic-update-forward', 'clinic-update-receipt']) {
      for (const [label, value] of answers.rows) {
        if (label.startsWith('New ')) {
          // Under "The change", the label without "New", the value indented under it.
          expect(text(template)).toContain(
            `${label.slice(4, 5).toUpperCase()}${label.slice(5)}\n  New value:\n    ${value!.split('\n').join('\n    ')}`,
          );
        } else if (label === 'Anything else' && value !== 'Nothing' && template === 'clinic-update-receipt') {
          expect(text(template)).toContain('\nAnything else: Received (not repeated in this e-mail)\n');
        } else {
          expect(text(template)).toContain(`\n${label}: ${value}\n`);
        }
      }
    }
  });

  test('a clinic alert registration: once everyone has confirmed, the staff page shows the forward’s people and clinic', async () => {
    const reference = referenceIn((await POSTS.CLINIC_EMAILS()).location)!;
    const { prisma } = database;
    const links = await prisma.outboxMessage.findMany({ where: { template: 'clinic-emails-verification' } });
    for (const link of links) {
      const token = /\/clinic-emails\/verify\/([A-Za-z0-9_-]+)/.exec(openBody(link.text))![1];
      await redirectOf(() => confirmAddress(toFormData({ token })));
    }
    const { answers, text } = await answersAndMail(reference);
    expect(answers.rows.map(([label]) => label)).toEqual([
      'Clinic name',
      'Clinic NPI',
      'Clinic phone',
      'Registered by',
      'Person 1',
      'Person 2',
      'Forwarded',
    ]);
    expect(answers.maskedTin).toBeUndefined();
    for (const [label, value] of answers.rows.filter(([label]) => label !== 'Forwarded')) {
      expect(value).not.toContain('Waiting');
      expect(text('clinic-emails-forward')).toContain(`\n${label}: ${value}\n`);
      expect(text('clinic-emails-receipt')).toContain(`\n${label}: ${value}\n`);
    }
  });
});

describe('staff writes check the role themselves', () => {
  test('a viewer cannot move, assign, note or reveal, whoever calls: nothing changes and nothing is audited', async () => {
    const { prisma } = database;
    const viewer = await addStaff(prisma, { email: 'viewer.kinds@careoregon.test', name: 'Vic Viewer', role: 'viewer' });
    const actor = { id: viewer.id, email: viewer.email, role: 'viewer' as const };
    const reference = referenceIn((await POSTS.CONTRACT_REQUEST()).location)!;
    const { id } = await prisma.submission.findUniqueOrThrow({ where: { reference } });
    const attempts: Array<[string, Promise<unknown>]> = [
      ['changeStatus', changeStatus(prisma, actor, id, 'IN_REVIEW', 1)],
      ['assign', assign(prisma, actor, id, viewer.id, 1)],
      ['addNote', addNote(prisma, actor, id, 'A note')],
      ['revealTin', revealTin(prisma, actor, id, 'Checking the TIN')],
    ];
    for (const [name, attempt] of attempts) {
      const error = await attempt.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect([name, error instanceof WorkError && error.kind]).toEqual([name, 'forbidden']);
    }
    expect(await prisma.submission.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'NEW', version: 1, assigneeId: null });
    expect(await prisma.submissionNote.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorId: viewer.id } })).toBe(0);
  });
});
