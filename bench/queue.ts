// Staff queue at scale: seeds BENCH_QUEUE_ROWS (default 1,000,000) submissions into DATABASE_URL (PostgreSQL),
// then times the queue's own query (lib/staff/queue-query.ts: one page of 50 plus the counts per status) for the
// first page, a page deep in the list, filters, and searches. Prints one line: RESULT {json}.
// Run by bench/run.ts as `node --import tsx bench/queue.ts` with DATABASE_URL.
import { closeDatabase, database } from '@/lib/db/client';
import { KINDS, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { type QueueCursor, type QueueFilter } from '@/lib/staff/queue-filter';
import { csvStream, exportRows } from '@/lib/staff/csv-export';
import { querySubmissions } from '@/lib/staff/queue-query';
import { exitWithParent, percentile, round } from './lib';

const ROWS = Number(process.env.BENCH_QUEUE_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_QUEUE_RUNS ?? 60);

async function main() {
  const opened = await database();
  const { prisma, engine } = opened;
  if (engine !== 'postgres') throw new Error('the queue bench needs PostgreSQL (DATABASE_URL)');
  try {
    const t0 = performance.now();
    const staff = await Promise.all(
      ['ana', 'ben', 'cy', 'di', 'ed'].map((name) =>
        prisma.staffUser.create({ data: { email: `${name}@plan.example`, name, role: 'reviewer', emailVerified: true } }),
      ),
    );
    const staffIds = `ARRAY[${staff.map((member) => `'${member.id}'`).join(',')}]`;
    // Seeded with the counting trigger off, then counted once: the same totals, without a million trigger calls.
    await prisma.$executeRawUnsafe('ALTER TABLE submission DISABLE TRIGGER submission_count_rows');
    // One statement: kinds in turn, statuses spread, one in ten assigned, a row every 94 s (about 3 years).
    await prisma.$executeRawUnsafe(`
      INSERT INTO submission (id, kind, reference, submission_key, status, version, name, email, npi, tin_hash, fingerprint, assignee_id, created_at, updated_at)
      SELECT gen_random_uuid()::text,
             (ARRAY[${SUBMISSION_KINDS.map((kind) => `'${kind}'`).join(',')}])[1 + i % ${SUBMISSION_KINDS.length}]::"SubmissionKind",
             (ARRAY[${SUBMISSION_KINDS.map((kind) => `'${KINDS[kind].prefix}-'`).join(',')}])[1 + i % ${SUBMISSION_KINDS.length}] || lpad(i::text, 8, '0'),
             gen_random_uuid()::text,
             (ARRAY['CLOSED','CLOSED','CLOSED','APPROVED','DECLINED','IN_REVIEW','WAITING_ON_APPLICANT','NEW'])[1 + (i * 7) % 8]::"SubmissionStatus",
             1,
             (ARRAY['Rose City','Cedar Hills','Willamette','Cascade','Coast Range'])[1 + i % 5] || ' Clinic ' || (i % 40000),
             'office' || i || '@clinic' || (i % 1000) || '.example',
             lpad((1000000000 + (i::bigint * 7919) % 8999999999)::text, 10, '0'),
             CASE WHEN i % 3 <> 1 THEN md5(i::text) END,
             md5('f' || i),
             CASE WHEN i % 10 = 0 THEN (${staffIds})[1 + (i / 10) % 5] END,
             now() - i * interval '94 seconds',
             now() - i * interval '94 seconds'
        FROM generate_series(1, ${ROWS}) AS i`);
    // Each submission's own row, so the export has every kind's columns to read (TINs are placeholders, never read).
    await prisma.$executeRawUnsafe(`
      INSERT INTO contract_request (submission_id, provider_name, taxonomy_code, phone, email, physical_street, physical_city,
                                    physical_state, physical_zip, npi, tin_ciphertext, tin_last4, tin_hash, dmap_id)
      SELECT id, name, '207Q00000X', '+15035550123', email, '1200 SE Division St', 'Portland', 'OR', '97202', npi, 'v1:x', '0000',
             md5(id), 'AB12345'
        FROM submission WHERE kind = 'CONTRACT_REQUEST'`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO clinic_email_registration (submission_id, clinic_name, clinic_npi, clinic_phone, registrant_name, registrant_email)
      SELECT id, name, npi, '+15035550150', 'Cam Diaz', email FROM submission WHERE kind = 'CLINIC_EMAILS'`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO clinic_update (submission_id, clinic_name, clinic_npi, tin_ciphertext, tin_last4, tin_hash, sender_name,
                                 sender_job_title, sender_email, sender_phone, changes, effective_date, new_street, new_city,
                                 new_state, new_zip)
      SELECT id, name, npi, 'v1:x', '0000', md5(id), 'Dana Sender', 'Office manager', email, '+15035550100',
             ARRAY['ADDRESS']::"ClinicChange"[], current_date, '456 NE Broadway', 'Portland', 'OR', '97201'
        FROM submission WHERE kind = 'CLINIC_UPDATE'`);
    await prisma.$executeRawUnsafe('ALTER TABLE submission ENABLE TRIGGER submission_count_rows');
    await prisma.$executeRawUnsafe(`DELETE FROM submission_count`);
    await prisma.$executeRawUnsafe(
      `INSERT INTO submission_count (kind, status, assignee_key, count) SELECT kind, status, coalesce(assignee_id, ''), count(*) FROM submission GROUP BY 1, 2, 3`,
    );
    const seedSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await prisma.$executeRawUnsafe('VACUUM ANALYZE submission');
    await prisma.$executeRawUnsafe('VACUUM ANALYZE submission_count');
    const vacuumSeconds = (performance.now() - t1) / 1000;

    const deep = await prisma.$queryRawUnsafe<Array<{ id: string; created_at: Date }>>(
      `SELECT id, created_at FROM submission ORDER BY created_at DESC, id DESC OFFSET ${Math.floor(ROWS * 0.9)} LIMIT 1`,
    );
    const deepCursor: QueueCursor = { direction: 'after', createdAt: deep[0].created_at, id: deep[0].id };
    const sample = await prisma.$queryRawUnsafe<Array<{ npi: string; name: string }>>(
      `SELECT npi, name FROM submission ORDER BY created_at DESC OFFSET ${Math.floor(ROWS / 2)} LIMIT 1`,
    );
    const newest = await prisma.$queryRawUnsafe<Array<{ created_at: Date }>>(`SELECT max(created_at) AS created_at FROM submission`);
    const oregonDay = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
    const lastWeek = { from: oregonDay(new Date(newest[0].created_at.getTime() - 7 * 86_400_000)), to: oregonDay(newest[0].created_at) };
    const me = { id: staff[0].id };

    // Every filter the queue offers (lib/staff/queue-filter.ts), alone and together, through the one query builder.
    const scenarios: Array<{ name: string; filter: QueueFilter; cursor?: QueueCursor }> = [
      { name: 'first page', filter: {} },
      { name: `deep page (after row ${Math.floor(ROWS * 0.9).toLocaleString('en-US')})`, filter: {}, cursor: deepCursor },
      { name: 'newer page (before that row)', filter: {}, cursor: { ...deepCursor, direction: 'before' } },
      { name: 'filtered: one kind', filter: { kind: 'CONTRACT_REQUEST' } },
      { name: 'filtered: one status', filter: { status: 'NEW' } },
      { name: 'filtered: clinic updates in review, first page', filter: { kind: 'CLINIC_UPDATE', status: 'IN_REVIEW' } },
      { name: 'filtered: clinic updates in review, deep page', filter: { kind: 'CLINIC_UPDATE', status: 'IN_REVIEW' }, cursor: deepCursor },
      { name: 'filtered: assigned to me', filter: { assignee: 'me' } },
      { name: 'filtered: assigned to a colleague, in review', filter: { assignee: staff[1].id, status: 'IN_REVIEW' } },
      { name: 'filtered: assigned to nobody, one kind', filter: { assignee: 'none', kind: 'CLINIC_EMAILS' } },
      { name: 'filtered: received in the last week', filter: lastWeek },
      { name: 'filtered: received in the last week, assigned to me', filter: { ...lastWeek, assignee: 'me' } },
      { name: 'search by NPI', filter: { q: sample[0].npi } },
      { name: 'search by reference', filter: { q: 'ciu-00500000' } },
      { name: 'search by e-mail', filter: { q: 'office500000@clinic0.example' } },
      { name: 'search by part of a name', filter: { q: 'hills clinic 1234' } },
      { name: 'search by part of a name, common words only', filter: { q: 'cedar hills clinic' } },
      {
        name: 'search by part of a name, one kind, one status',
        filter: { q: 'range clinic 3999', kind: 'CLINIC_UPDATE', status: 'CLOSED' },
      },
      {
        name: 'everything at once',
        filter: { q: 'willamette clinic 77', kind: 'CONTRACT_REQUEST', status: 'CLOSED', assignee: 'none', ...lastWeek },
      },
    ];
    const results = [];
    for (const scenario of scenarios) {
      for (let warm = 0; warm < 3; warm++) await querySubmissions(prisma, scenario.filter, scenario.cursor, me);
      const times: number[] = [];
      let rows = 0;
      let total = 0;
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const page = await querySubmissions(prisma, scenario.filter, scenario.cursor, me);
        times.push(performance.now() - start);
        rows = page.rows.length;
        total = page.total;
      }
      times.sort((a, b) => a - b);
      const p95 = round(percentile(times, 95));
      console.info(`[queue] ${scenario.name}: p95 ${p95} ms, ${p95 < 100 ? 'under' : 'OVER'} 100 ms (${total} matching)`);
      results.push({
        name: scenario.name,
        runs: RUNS,
        rows,
        matching: total,
        p50: round(percentile(times, 50)),
        p95: round(percentile(times, 95)),
        max: round(times[times.length - 1]),
      });
    }
    const exported = await measureExport(opened, me);
    console.info(
      `RESULT ${JSON.stringify({ rows: ROWS, seedSeconds: round(seedSeconds), vacuumSeconds: round(vacuumSeconds), results, export: exported })}`,
    );
  } finally {
    await closeDatabase();
  }
}

/**
 * The CSV export of every row (lib/staff/csv-export.ts), read to the end as a browser would: the time to its first
 * bytes, rows per second, and how far this process's resident memory rose above where it started (sampled every 50 ms).
 */
async function measureExport(opened: Awaited<ReturnType<typeof database>>, viewer: { id: string }) {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const start = performance.now();
  let firstByteMs: number | undefined;
  let bytes = 0;
  let rows = 0;
  const reader = csvStream(exportRows(opened, {}, viewer), (count) => (rows = count)).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    firstByteMs ??= performance.now() - start;
    bytes += chunk.value.byteLength;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  return {
    rows,
    megabytes: round(bytes / 1_048_576),
    seconds: round(seconds),
    firstByteMs: round(firstByteMs ?? 0),
    rowsPerSecond: Math.round(rows / seconds),
    memoryGrowthMb: round((peak - baseline) / 1_048_576),
  };
}

exitWithParent(() => process.exit(1));
main().catch((error) => {
  console.error(`[queue] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
