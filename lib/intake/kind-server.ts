import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';

/**
 * What the generic parts of the application (the staff submission page, the TIN reveal, the status page, the
 * outbox worker's housekeeping) ask of a kind of request, through its registry entry (lib/intake/kinds.ts). What
 * only the kind's own route uses (its form, its recording, its confirmation page) it imports directly.
 */

/** A labelled answer, as a page or an e-mail shows it: the value already in words (undefined shows as —). */
export type AnswerRow = [label: string, value: string | undefined];

export interface StaffAnswers {
  /** Every field of the submission as stored, labelled, TINs masked. */
  rows: AnswerRow[];
  /** The TIN it was sent under, masked (•••••6789), when it has one: the Reveal TIN panel shows it. */
  maskedTin?: string;
}

/** How many of a clinic alert registration's people have confirmed their address. */
export interface Confirmations {
  confirmed: number;
  total: number;
  forwarded: boolean;
}

/** A submission's own columns in the staff export (lib/staff/csv-export.ts); never a TIN, not even masked. */
export interface ExportFields {
  contactName?: string;
  otherNpis?: string;
  phone?: string;
  specialtyCode?: string;
  specialtyName?: string;
  physicalAddress?: string;
  mailingAddress?: string;
  dmapId?: string;
}

/**
 * A kind's part in the export's one query a batch (lib/staff/csv-export.ts): a SELECT of its own columns for the
 * submission `s`, which the export joins (LATERAL) only to rows of this kind, and those columns in words.
 */
export interface ExportSource {
  /**
   * `SELECT … FROM <its tables> WHERE … = s.id`: at most one row, its columns named with a prefix of its own so that
   * no two kinds' columns collide; never a TIN. Read as arrays through the driver (lib/db/array-rows.ts): text,
   * booleans and numbers, no timestamps.
   */
  query: Prisma.Sql;
  /** A row of this kind in words, from those columns (by name, only this kind's). */
  fields(row: Record<string, unknown>): ExportFields;
}

/** A name, NPI and state a submission carries, screened against the exclusion list (lib/exclusions/screening.ts). */
export interface ScreeningSubject {
  /** What it is on the form, as the staff page says why it matched: Provider, Clinic, Provider joining… */
  role: string;
  name?: string | null;
  npi?: string | null;
  /** Two-letter state; without one, only the NPI is compared. */
  state?: string | null;
}

export interface KindServer {
  /** The staff page's answers; null when the submission has no row of this kind. */
  staffAnswers(prisma: PrismaClient, submissionId: string): Promise<StaffAnswers | null>;
  /** Its TINs, still encrypted, under the labels a reveal shows them with (`TIN`, `New TIN`). */
  encryptedTins(prisma: PrismaClient, submissionId: string): Promise<Array<[label: string, ciphertext: string]>>;
  /** What the public status page adds for this kind, if anything. */
  confirmations?(prisma: PrismaClient, submissionId: string): Promise<Confirmations | undefined>;
  /** The export's columns, read in the same query as the submissions (one query a batch). */
  exportSource: ExportSource;
  /** Who each of these submissions names (provider, clinic, providers joining or leaving), by submission id. */
  exclusionSubjects(prisma: Prisma.TransactionClient, submissionIds: string[]): Promise<Map<string, ScreeningSubject[]>>;
  /** Housekeeping the outbox worker runs every minute (a clinic list whose links have all expired is forwarded). */
  sweep?(prisma: PrismaClient, now?: Date): Promise<number>;
}
