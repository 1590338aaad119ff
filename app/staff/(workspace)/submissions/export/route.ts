import { recordAudit } from '@/lib/audit';
import { hasRole } from '@/lib/auth/roles';
import { getStaff } from '@/lib/auth/session';
import { database } from '@/lib/db/client';
import { log } from '@/lib/log';
import { csvStream, exportRows } from '@/lib/staff/csv-export';
import { noAccessResponse } from '@/lib/staff/no-access';
import { parseQueueFilter, type QueueFilter } from '@/lib/staff/queue-filter';

/**
 * GET /staff/submissions/export?<the queue's filters>: the CSV of every submission they match (reviewers and admins),
 * audited with who, the filters and the row count once the file has gone out.
 */
export async function GET(request: Request): Promise<Response> {
  const staff = await getStaff();
  if (!staff) return Response.redirect(new URL('/staff/sign-in', request.url), 303);
  if (!hasRole(staff.role, 'reviewer')) {
    return noAccessResponse('Exporting submissions needs a reviewer or admin role.');
  }
  const url = new URL(request.url);
  const filter: QueueFilter = parseQueueFilter(Object.fromEntries(url.searchParams));
  const opened = await database();
  const { prisma } = opened;
  const filters = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as Record<string, string>;
  const body = csvStream(exportRows(opened, filter, staff), (rows, complete) => {
    recordAudit(prisma, { action: 'export', actor: staff, details: { filters, rows, complete } }).catch((error: Error) =>
      log().error({ event: 'export_audit_failed', err: error.message }, 'could not audit an export'),
    );
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="submissions-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
