import { db } from '@/lib/db/client';
import { outboxCounts } from '@/lib/mail/outbox';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** 200 with the outbox's state when the database answers; 503 naming the failing part when it does not. */
export async function GET() {
  try {
    const prisma = await db();
    await prisma.$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok', database: 'ok', outbox: await outboxCounts(prisma) });
  } catch (error) {
    log().error({ event: 'health_database_failed', err: (error as Error).message }, 'health check: database failed');
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503 });
  }
}
