import 'server-only';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { currentExclusionList } from '@/lib/exclusions/load';

/** The staff workspace's reads of the exclusion list (issue 15). Each checks the caller's role itself. */

/** The LEIE entry as a match keeps it (lib/exclusions/screening.ts, ENTRY_JSON): dates YYYY-MM-DD or null. */
export interface MatchedEntry {
  lastName: string;
  firstName: string;
  midName: string;
  busName: string;
  general: string;
  specialty: string;
  upin: string;
  npi: string | null;
  dob: string | null;
  address: string;
  city: string;
  state: string;
  zip: string;
  exclType: string;
  exclDate: string | null;
  reinDate: string | null;
  waiverDate: string | null;
  waiverState: string;
}

/** A submission's possible exclusions, each with the reviewer's decision if there is one. */
export async function listExclusionMatches(submissionId: string) {
  await requireStaff('viewer');
  const prisma = await db();
  const [matches, decisions] = await Promise.all([
    prisma.exclusionMatch.findMany({ where: { submissionId }, orderBy: [{ matchedAt: 'asc' }, { entryKey: 'asc' }] }),
    prisma.exclusionDecision.findMany({ where: { submissionId } }),
  ]);
  const decisionOf = new Map(decisions.map((decision) => [decision.entryKey, decision]));
  return matches.map((match) => ({
    entryKey: match.entryKey,
    reasons: match.reasons,
    entry: match.entry as unknown as MatchedEntry,
    cleared: match.cleared,
    decision: decisionOf.get(match.entryKey) ?? null,
  }));
}

export type ExclusionMatchView = Awaited<ReturnType<typeof listExclusionMatches>>[number];

/** For /staff/exclusions (admins): the list in use and the latest attempts to load one. */
export async function getExclusionListStatus() {
  await requireStaff('admin');
  const prisma = await db();
  const [current, recent] = await Promise.all([
    currentExclusionList(prisma),
    prisma.exclusionLoad.findMany({ orderBy: { loadedAt: 'desc' }, take: 10 }),
  ]);
  return { current, recent };
}

/** One load attempt, to tell an admin how their upload went. */
export async function getExclusionLoad(id: string) {
  await requireStaff('admin');
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  return (await db()).exclusionLoad.findUnique({ where: { id } });
}
