import Link from 'next/link';
import { hasRole } from '@/lib/auth/roles';
import { staffForPage } from '@/lib/auth/session';
import { NoAccess } from '@/components/no-access';
import { KIND_LABELS, parseCursor, parseQueueFilter, queueHref, cursorOf, STATUS_LABELS, STATUSES } from '@/lib/staff/queue-filter';
import { COUNT_CAP } from '@/lib/staff/queue-query';
import { listAssignableStaff, listSubmissions } from '@/lib/staff/submissions';
import { SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { pacificTime } from '@/lib/format';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SubmissionsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await staffForPage('viewer');
  if (!viewer) return <NoAccess />;
  const params = await searchParams;
  const filter = parseQueueFilter(params);
  const [page, staff] = await Promise.all([listSubmissions(filter, parseCursor(params)), listAssignableStaff()]);
  const isFiltered = Object.values(filter).some(Boolean);

  return (
    <>
      <title>Submissions – Provider Intake staff</title>
      <h1>Submissions</h1>
      <form method="get" action="/staff/submissions" className="filters" role="search" aria-label="Filter submissions">
        <div className="field">
          <label htmlFor="filter-q">Search</label>
          <input id="filter-q" name="q" type="text" defaultValue={filter.q} aria-describedby="filter-q-hint" />
          <p className="hint" id="filter-q-hint">
            Reference, name, NPI or e-mail
          </p>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">Kind</label>
          <select id="filter-kind" name="kind" defaultValue={filter.kind ?? ''}>
            <option value="">All kinds</option>
            {SUBMISSION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">All statuses</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-assignee">Assignee</label>
          <select id="filter-assignee" name="assignee" defaultValue={filter.assignee ?? ''}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Nobody</option>
            {staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-exclusion">Exclusion list</label>
          <select id="filter-exclusion" name="exclusion" defaultValue={filter.exclusion ?? ''}>
            <option value="">Any</option>
            <option value="possible">Possible exclusion</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-registry">NPI registry</label>
          <select id="filter-registry" name="registry" defaultValue={filter.registry ?? ''}>
            <option value="">Any result</option>
            <option value="attention">Differences or not found</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">Received from</label>
          <input id="filter-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">Received to</label>
          <input id="filter-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <button type="submit" className="button">
          Apply filters
        </button>
        {isFiltered && <Link href="/staff/submissions">Clear filters</Link>}
      </form>
      {hasRole(viewer.role, 'reviewer') && (
        <p>
          {/* A download, not a page: a plain link, so the browser saves the file. */}
          <a href={queueHref(filter).replace('/staff/submissions', '/staff/submissions/export')} download>
            Export CSV
          </a>{' '}
          (every submission {isFiltered ? 'these filters match' : 'there is'}, newest first; no TINs)
        </p>
      )}

      <h2 className="visually-hidden">Counts by status</h2>
      {page.countsAreCapped && (
        <p className="hint">
          More than {COUNT_CAP.toLocaleString('en-US')} submissions match: the counts are of the newest {COUNT_CAP.toLocaleString('en-US')}.
        </p>
      )}
      <ul className="status-counts">
        {STATUSES.map((status) => (
          <li key={status}>
            <Link href={queueHref({ ...filter, status })} aria-current={filter.status === status ? 'true' : undefined}>
              {STATUS_LABELS[status]}: {page.counts[status].toLocaleString('en-US')}
            </Link>
          </li>
        ))}
      </ul>

      {page.rows.length === 0 ? (
        <p>{isFiltered ? 'No submissions match these filters.' : 'No submissions yet.'}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Submissions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
              <th scope="col">NPI</th>
              <th scope="col">Status</th>
              <th scope="col">Assignee</th>
              <th scope="col">Received</th>
              <th scope="col">Checks</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link href={`/staff/submissions/${row.id}`}>{row.reference}</Link>
                </td>
                <td>{KIND_LABELS[row.kind]}</td>
                <td>{row.name}</td>
                <td>{row.npi ?? '—'}</td>
                <td>
                  <span className="tag">{STATUS_LABELS[row.status]}</span>
                </td>
                <td>{row.assignee?.name ?? 'Nobody'}</td>
                <td>{pacificTime(row.createdAt)}</td>
                <td>
                  {row.possibleExclusion || row.registryAttention ? (
                    <ul className="tags">
                      {row.possibleExclusion && (
                        <li>
                          <span className="tag tag--alert">Possible exclusion</span>
                        </li>
                      )}
                      {row.registryAttention && (
                        <li>
                          <span className="tag tag--alert">Registry: difference or not found</span>
                        </li>
                      )}
                    </ul>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        {page.newer ? <Link href={queueHref(filter, { before: cursorOf(page.newer) })}>Newer submissions</Link> : <span />}
        {page.older && <Link href={queueHref(filter, { after: cursorOf(page.older) })}>Older submissions</Link>}
      </nav>
    </>
  );
}
