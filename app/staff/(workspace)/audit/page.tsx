import Link from 'next/link';
import { AUDIT_ACTIONS } from '@/lib/audit';
import { staffForPage } from '@/lib/auth/session';
import { NoAccess } from '@/components/no-access';
import { listAuditEvents, parseAuditFilter } from '@/lib/staff/audit-log';
import { pacificTime } from '@/lib/format';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A nested detail (an export's filters): `q Rose, status NEW`, or `none`. */
function inWords(value: Record<string, unknown>): string {
  const entries = Object.entries(value).map(([key, inner]) => `${key} ${String(inner)}`);
  return entries.length > 0 ? entries.join(', ') : 'none';
}

function describe(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? inWords(value as Record<string, unknown>) : String(value)}`)
    .join('; ');
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  if (!(await staffForPage('admin'))) return <NoAccess />;
  const params = await searchParams;
  const filter = parseAuditFilter(params);
  const after = typeof params.after === 'string' ? params.after : undefined;
  const { rows, next } = await listAuditEvents(filter, after);
  const nextHref = () => {
    const query = new URLSearchParams(
      Object.entries({ ...filter, after: next }).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    return `/staff/audit?${query}`;
  };
  return (
    <>
      <title>Audit log – Provider Intake staff</title>
      <h1>Audit log</h1>
      <p>
        Every sign-in and sign-out, TIN reveal, status change, assignment, note and staff account change. Nothing here can be changed or
        removed.
      </p>
      <form method="get" action="/staff/audit" className="filters" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Person</label>
          <input id="audit-actor" name="actor" type="text" defaultValue={filter.actor} />
        </div>
        <div className="field">
          <label htmlFor="audit-reference">Reference</label>
          <input id="audit-reference" name="reference" type="text" defaultValue={filter.reference} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link href="/staff/audit">Clear filters</Link>
      </form>
      {rows.length === 0 ? (
        <p>No events match these filters.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Submission</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{pacificTime(row.at)}</td>
                <td>{row.actorEmail ?? 'the system'}</td>
                <td>{row.action.replace(/_/g, ' ')}</td>
                <td>{row.reference ? <Link href={`/staff/submissions/${row.submissionId}`}>{row.reference}</Link> : '—'}</td>
                <td>{describe(row.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <nav className="pager" aria-label="Pages">
          <span />
          <Link href={nextHref()}>Older events</Link>
        </nav>
      )}
    </>
  );
}
