import 'server-only';
import { db } from '@/lib/db/client';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import type { ScreeningSubject } from '@/lib/intake/kind-server';
import { kindServer } from '@/lib/intake/kinds';
import { log } from '@/lib/log';
import { normalizeNpi } from '@/lib/validation/npi';
import { EXCLUSION_LOCK_KEY } from './lock';
import { nameKeys } from './names';

/**
 * Screening submissions against the exclusion list in use (issue 15). Each submission's subjects (the names, NPIs and
 * state its kind says it carries: KindServer.exclusionSubjects) are gathered once, keyed (lib/exclusions/names.ts) and
 * stored in exclusion_subject; a screening is then three joins in SQL, set-based: same NPI, same organisation name in
 * the same state, same first and last name in the same state. A new submission is screened when it arrives
 * (screenOnArrival, never failing the submission), and every open one again after each load (screenOpenSubmissions).
 */

/** The statuses of a submission still to be decided: screened again after every load. */
export const OPEN_STATUSES = ['NEW', 'IN_REVIEW', 'WAITING_ON_APPLICANT'] as const;
const OPEN_SQL = `(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** Submissions gathered per statement when many are screened at once. */
const GATHER_BATCH = 2_000;

type Tx = Prisma.TransactionClient;

interface SubjectColumns {
  submissionId: string[];
  role: string[];
  name: Array<string | null>;
  nameKey: Array<string | null>;
  isPersonOnly: boolean[];
  npi: Array<string | null>;
  state: Array<string | null>;
}

function cleanNpi(value: string | null | undefined): string | null {
  const npi = value ? normalizeNpi(value) : '';
  return /^\d{10}$/.test(npi) && npi !== '0000000000' ? npi : null;
}

function cleanState(value: string | null | undefined): string | null {
  const state = value?.trim().toUpperCase() ?? '';
  return /^[A-Z]{2}$/.test(state) ? state : null;
}

/** One row per name key (a subject with an NPI and no usable name still gets one, without a key). */
function addSubject(columns: SubjectColumns, submissionId: string, subject: ScreeningSubject): void {
  const npi = cleanNpi(subject.npi);
  const state = cleanState(subject.state);
  const name = subject.name?.trim() || null;
  const keys = name && state ? nameKeys(name) : [];
  const rows = keys.length > 0 ? keys : npi ? [{ key: null, isPersonOnly: false }] : [];
  for (const { key, isPersonOnly } of rows) {
    columns.submissionId.push(submissionId);
    columns.role.push(subject.role);
    columns.name.push(name);
    columns.nameKey.push(key);
    columns.isPersonOnly.push(isPersonOnly);
    columns.npi.push(npi);
    columns.state.push(state);
  }
}

/** Asks each kind for its submissions' subjects and stores them, replacing any gathered before. */
async function gatherSubjects(tx: Tx, submissions: Array<{ id: string; kind: SubmissionKind }>): Promise<void> {
  const columns: SubjectColumns = { submissionId: [], role: [], name: [], nameKey: [], isPersonOnly: [], npi: [], state: [] };
  const byKind = new Map<SubmissionKind, string[]>();
  for (const { id, kind } of submissions) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  for (const [kind, ids] of byKind) {
    const subjects = await (await kindServer(kind)).exclusionSubjects(tx, ids);
    for (const [submissionId, list] of subjects) for (const subject of list) addSubject(columns, submissionId, subject);
  }
  const ids = submissions.map((submission) => submission.id);
  await tx.$executeRawUnsafe('DELETE FROM exclusion_subject WHERE submission_id = ANY($1::text[])', ids);
  await tx.$executeRawUnsafe(
    `INSERT INTO exclusion_subject (submission_id, role, name, name_key, is_person_only, npi, state)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[])`,
    columns.submissionId,
    columns.role,
    columns.name,
    columns.nameKey,
    columns.isPersonOnly,
    columns.npi,
    columns.state,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO exclusion_screening (submission_id) SELECT unnest($1::text[])
     ON CONFLICT (submission_id) DO UPDATE SET screened_at = now()`,
    ids,
  );
}

/** The entry as the staff page shows it, kept with the match so it outlives the list it came from. */
const ENTRY_JSON = `jsonb_build_object(
  'lastName', e.last_name, 'firstName', e.first_name, 'midName', e.mid_name, 'busName', e.bus_name,
  'general', e.general, 'specialty', e.specialty, 'upin', e.upin, 'npi', e.npi, 'dob', e.dob,
  'address', e.address, 'city', e.city, 'state', e.state, 'zip', e.zip, 'exclType', e.excl_type,
  'exclDate', e.excl_date, 'reinDate', e.rein_date, 'waiverDate', e.waiver_date, 'waiverState', e.waiver_state)`;

/**
 * Replaces the matches of the submissions in `scope` (a condition on alias `x`'s submission_id) with what the list
 * in use says now. A reviewer's `Not the same provider` on an entry (exclusion_decision, by the entry's stable key)
 * carries over as `cleared`.
 */
async function match(tx: Tx, scope: (alias: string) => string, ...params: unknown[]): Promise<void> {
  await tx.$executeRawUnsafe(`DELETE FROM exclusion_match m WHERE ${scope('m')}`, ...params);
  await tx.$executeRawUnsafe(
    `INSERT INTO exclusion_match (submission_id, entry_key, reasons, entry, cleared)
     SELECT h.submission_id, h.entry_key, h.reasons, ${ENTRY_JSON},
            EXISTS (SELECT 1 FROM exclusion_decision d WHERE d.submission_id = h.submission_id
                       AND d.entry_key = h.entry_key AND d.decision = 'NOT_SAME_PROVIDER')
       FROM (SELECT hit.submission_id, hit.entry_key, min(hit.entry_id) AS entry_id,
                    array_agg(DISTINCT hit.why ORDER BY hit.why) AS reasons
               FROM (SELECT s.submission_id, e.id AS entry_id, e.entry_key,
                            s.role || ': same NPI, ' || s.npi AS why
                       FROM exclusion_subject s JOIN exclusion_entry e ON e.npi = s.npi
                      WHERE s.npi IS NOT NULL AND ${scope('s')}
                     UNION ALL
                     SELECT s.submission_id, e.id, e.entry_key,
                            s.role || ': same organisation name in ' || s.state || ', ' || s.name
                       FROM exclusion_subject s JOIN exclusion_entry e ON e.state = s.state AND e.bus_key = s.name_key
                      WHERE NOT s.is_person_only AND ${scope('s')}
                     UNION ALL
                     SELECT s.submission_id, e.id, e.entry_key,
                            s.role || ': same first and last name in ' || s.state || ', ' || s.name
                       FROM exclusion_subject s JOIN exclusion_entry e ON e.state = s.state AND e.person_key = s.name_key
                      WHERE ${scope('s')}) hit
              GROUP BY hit.submission_id, hit.entry_key) h
       JOIN exclusion_entry e ON e.id = h.entry_id`,
    ...params,
  );
}

/**
 * Screens one submission now: its subjects gathered and matched against the list in use. 'deferred' when a load
 * holds the list: the screening that follows the load takes it (it has no exclusion_screening row yet).
 */
export async function screenSubmission(
  prisma: PrismaClient,
  submissionId: string,
  knownKind?: SubmissionKind,
): Promise<'screened' | 'deferred'> {
  return prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(
        'SELECT pg_try_advisory_xact_lock_shared($1) AS locked',
        EXCLUSION_LOCK_KEY,
      );
      if (!locked) return 'deferred';
      const submission = knownKind
        ? { id: submissionId, kind: knownKind }
        : await tx.submission.findUnique({ where: { id: submissionId }, select: { id: true, kind: true } });
      if (!submission) return 'screened';
      await gatherSubjects(tx, [submission]);
      await match(tx, (alias) => `${alias}.submission_id = $1`, submissionId);
      return 'screened';
    },
    { timeout: 15_000, maxWait: 5_000 },
  );
}

/**
 * The public pipeline's hook (lib/intake/public-submission.ts): screens a submission that has just arrived and never
 * throws. A failure is logged, and the submission is left for the next screening.
 */
export async function screenOnArrival(submissionId: string, kind: SubmissionKind): Promise<void> {
  try {
    const outcome = await screenSubmission(await db(), submissionId, kind);
    if (outcome === 'deferred')
      log().info({ event: 'exclusion_screening_deferred', submissionId }, 'exclusion list loading: screening left for after the load');
  } catch (error) {
    log().error(
      { event: 'exclusion_screening_failed', submissionId, err: (error as Error).message },
      'could not screen a submission against the exclusion list; the next screening will',
    );
  }
}

export interface ScreeningSummary {
  /** Open submissions whose subjects were gathered now (they had never been screened). */
  gathered: number;
  /** Open submissions screened. */
  screened: number;
  /** Open submissions flagged `Possible exclusion` (a match no reviewer has cleared). */
  flagged: number;
  durationMs: number;
}

/**
 * Screens every open submission against the list in use: first gathers the subjects of those never screened (a
 * failed or deferred arrival, or submissions from before this feature), then replaces every open submission's
 * matches in one set-based statement, holding the list's lock so no load runs meanwhile.
 */
export async function screenOpenSubmissions(prisma: PrismaClient): Promise<ScreeningSummary> {
  const started = performance.now();
  let gathered = 0;
  for (;;) {
    const batch = await prisma.$queryRawUnsafe<Array<{ id: string; kind: SubmissionKind }>>(
      `SELECT s.id, s.kind::text AS kind FROM submission s
        WHERE s.status IN ${OPEN_SQL}
          AND NOT EXISTS (SELECT 1 FROM exclusion_screening x WHERE x.submission_id = s.id)
        LIMIT ${GATHER_BATCH}`,
    );
    if (batch.length === 0) break;
    await prisma.$transaction((tx) => gatherSubjects(tx, batch), { timeout: 60_000, maxWait: 10_000 });
    gathered += batch.length;
  }
  const open = (alias: string) => `${alias}.submission_id IN (SELECT id FROM submission WHERE status IN ${OPEN_SQL})`;
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1)', EXCLUSION_LOCK_KEY);
      await match(tx, open);
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  const [counts] = await prisma.$queryRawUnsafe<Array<{ screened: number; flagged: number }>>(
    `SELECT (SELECT count(*)::int FROM submission WHERE status IN ${OPEN_SQL}) AS screened,
            (SELECT count(DISTINCT m.submission_id)::int FROM exclusion_match m WHERE NOT m.cleared AND ${open('m')}) AS flagged`,
  );
  return { gathered, ...counts, durationMs: Math.round(performance.now() - started) };
}
