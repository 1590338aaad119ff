import { Prisma } from '@/lib/generated/prisma/client';

/**
 * The one place that knows Prisma's unique-violation code. Returns what identifies the violated constraint:
 * its field names and, through a driver adapter, its index name (e.g. submission_submission_key_key); or undefined.
 */
export function uniqueViolation(error: unknown): string[] | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined;
  const meta = error.meta as
    { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } } } | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  return [meta?.target ?? [], constraint?.fields ?? [], constraint?.index ?? []].flat();
}
