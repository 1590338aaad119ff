// The exclusion list at scale (issue 15): seeds BENCH_EXCLUSION_SUBMISSIONS (default 100,000) open submissions of every
// kind into DATABASE_URL (PostgreSQL), writes an LEIE file of BENCH_EXCLUSION_ROWS (default 80,000) entries in the
// real format (some matching the submissions by NPI, some by name and state), then times what an admin's monthly load
// does: the load itself (lib/exclusions/load.ts) and the screening of every open submission
// (lib/exclusions/screening.ts), the first time (every submission's names gathered from its kind) and after a reload.
// Prints one line: RESULT {json}. Run by bench/run.ts as `node --conditions=react-server --import tsx bench/exclusions.ts`.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, database } from '@/lib/db/client';
import { loadExclusionList } from '@/lib/exclusions/load';
import { screenOpenSubmissions } from '@/lib/exclusions/screening';
import { fillerRows, leieBusiness, leieCsv, leiePerson, type LeieRow } from '../__tests__/fixtures/leie';
import { round } from './lib';

const SUBMISSIONS = Number(process.env.BENCH_EXCLUSION_SUBMISSIONS ?? 100_000);
const ROWS = Number(process.env.BENCH_EXCLUSION_ROWS ?? 80_000);
/** Entries made to match a seeded submission, half by NPI and half by name in Oregon. */
const PLANTED = 400;

const npiOf = (i: number) => `1${String(100_000_000 + i).padStart(9, '0')}`;
const nameOf = (i: number) => `Bench Clinic ${i}`;

async function main() {
  const { prisma, engine } = await database();
  if (engine !== 'postgres') throw new Error('the exclusion list bench needs PostgreSQL (DATABASE_URL)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-leie-'));
  try {
    const t0 = performance.now();
    // Open submissions of every kind, in turn; a clinic update has an address in Oregon and a provider joining.
    await prisma.$executeRawUnsafe(`
      INSERT INTO submission (id, kind, reference, submission_key, status, version, name, email, npi, created_at, updated_at)
      SELECT 'bench-' || i, (ARRAY['CONTRACT_REQUEST','CLINIC_EMAILS','CLINIC_UPDATE'])[1 + i % 3]::"SubmissionKind",
             'BEN-' || lpad(i::text, 8, '0'), 'key-' || i,
             (ARRAY['NEW','IN_REVIEW','WAITING_ON_APPLICANT'])[1 + (i / 3) % 3]::"SubmissionStatus", 1,
             'Bench Clinic ' || i, 'office' || i || '@clinic.example', '1' || lpad((100000000 + i)::text, 9, '0'),
             now() - i * interval '1 minute', now()
        FROM generate_series(1, ${SUBMISSIONS}) AS i`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO contract_request (submission_id, provider_name, taxonomy_code, phone, email, physical_street, physical_city,
                                    physical_state, physical_zip, npi, tin_ciphertext, tin_last4, tin_hash)
      SELECT id, name, '207Q00000X', '+15035550123', email, '1200 SE Division St', 'Portland', 'OR', '97202', npi, 'v1:x', '0000', md5(id)
        FROM submission WHERE kind = 'CONTRACT_REQUEST' AND id LIKE 'bench-%'`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO clinic_email_registration (submission_id, clinic_name, clinic_npi, clinic_phone, registrant_name, registrant_email)
      SELECT id, name, npi, '+15035550150', 'Cam Diaz', email FROM submission WHERE kind = 'CLINIC_EMAILS' AND id LIKE 'bench-%'`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO clinic_update (submission_id, clinic_name, clinic_npi, tin_ciphertext, tin_last4, tin_hash, sender_name,
                                 sender_job_title, sender_email, sender_phone, changes, effective_date, new_street, new_city,
                                 new_state, new_zip)
      SELECT id, name, npi, 'v1:x', '0000', md5(id), 'Dana Sender', 'Office manager', email, '+15035550100',
             ARRAY['ADDRESS','PROVIDER_JOINING']::"ClinicChange"[], current_date, '456 NE Broadway', 'Portland', 'OR', '97201'
        FROM submission WHERE kind = 'CLINIC_UPDATE' AND id LIKE 'bench-%'`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO clinic_update_provider (id, update_id, direction, position, name, npi)
      SELECT gen_random_uuid()::text, submission_id, 'JOINING', 0, 'Dr. Jo Provider ' || substr(submission_id, 7), '1999999999'
        FROM clinic_update WHERE submission_id LIKE 'bench-%'`);
    await prisma.$executeRawUnsafe('VACUUM ANALYZE');
    const seedSeconds = (performance.now() - t0) / 1000;

    // The file: filler entries (unlike any submission), and planted ones that match.
    const planted: LeieRow[] = Array.from({ length: PLANTED }, (_, k) => {
      const i = 1 + ((k * 7919) % SUBMISSIONS);
      return k % 2 === 0
        ? leiePerson({ lastName: `PLANTED${k}`, firstName: 'NPI', npi: npiOf(i) })
        : leieBusiness({ busName: `${nameOf(i).toUpperCase()}, LLC`, state: 'OR' });
    });
    const file = path.join(dir, 'UPDATED.csv');
    const text = leieCsv([...fillerRows(ROWS - PLANTED), ...planted]);
    writeFileSync(file, text);
    const loadedBy = { actor: null, label: 'bench (command line)' };

    const load = async () => {
      const start = performance.now();
      const outcome = await loadExclusionList(prisma, createReadStream(file), { fileName: 'UPDATED.csv', loadedBy });
      if (outcome.outcome !== 'LOADED') throw new Error(`the bench file was refused: ${outcome.problem}`);
      return { seconds: round((performance.now() - start) / 1000, 2), rows: outcome.rowCount };
    };
    const screen = async () => {
      const start = performance.now();
      const summary = await screenOpenSubmissions(prisma);
      return { seconds: round((performance.now() - start) / 1000, 2), ...summary };
    };

    const firstLoad = await load();
    const firstScreening = await screen();
    const reload = await load();
    const screening = await screen();
    console.info(
      `RESULT ${JSON.stringify({
        submissions: SUBMISSIONS,
        rows: ROWS,
        fileMB: round(Buffer.byteLength(text) / 1_048_576, 1),
        planted: PLANTED,
        seedSeconds: round(seedSeconds),
        firstLoad,
        firstScreening,
        reload,
        screening,
      })}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await closeDatabase();
  }
}

main().catch((error) => {
  console.error(`[exclusions bench] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
