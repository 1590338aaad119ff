import { Prisma } from '@/lib/generated/prisma/client';

/** Expected failures whose message may reach a user. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly target?: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The one place that knows Prisma's unique-violation code. Returns the violated field names, or undefined. */
export function uniqueViolation(error: unknown): string[] | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const meta = error.meta as { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } | undefined;
    const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target ?? [];
    return Array.isArray(fields) ? fields : [fields];
  }
  return undefined;
}
