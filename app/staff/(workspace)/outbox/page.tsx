import Link from 'next/link';
import { NoAccess } from '@/components/no-access';
import { staffForPage } from '@/lib/auth/session';
import { pacificTime } from '@/lib/format';
import { listMail, mailTemplates, MAIL_STATE_LABELS, MAIL_STATES, parseMailFilter, type MailFilter } from '@/lib/staff/mail-console';
import { one, type Params } from '@/lib/staff/queue-filter';
import { RetryMail } from './retry-mail';

function hrefOf(filter: MailFilter, after?: string): string {
  const query = new URLSearchParams(
    Object.entries({ ...filter, after }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return query ? `/staff/outbox?${query}` : '/staff/outbox';
}

/** The mail console (admins): every message, its state and what the relay said; Retry on a failed one. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (!(await staffForPage('admin'))) return <NoAccess />;
  const params = await searchParams;
  const filter = parseMailFilter(params);
  const [{ rows, next }, templates] = await Promise.all([listMail(filter, one(params.after)), mailTemplates()]);
  return (
    <>
      <title>Mail – Provider Intake staff</title>
      <h1>Mail</h1>
      <p>
        Every e-mail Provider Intake has written, newest first: receipts, forwards, verification and sign-in links, messages to applicants.
        A failed one can be sent again; one that carried a single-use link cannot (its text is not kept).
      </p>
      <form method="get" action="/staff/outbox" className="filters" role="search" aria-label="Filter the mail">
        <div className="field">
          <label htmlFor="mail-status">State</label>
          <select id="mail-status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">Every state</option>
            {MAIL_STATES.map((state) => (
              <option key={state} value={state}>
                {MAIL_STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mail-template">Kind of e-mail</label>
          <select id="mail-template" name="template" defaultValue={filter.template ?? ''}>
            <option value="">Every kind</option>
            {templates.map((template) => (
              <option key={template} value={template}>
                {template}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mail-to">Recipient</label>
          <input id="mail-to" name="to" type="text" defaultValue={filter.to} />
        </div>
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link href="/staff/outbox">Clear filters</Link>
      </form>
      {rows.length === 0 ? (
        <p>No e-mails match these filters.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">E-mails, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Written</th>
              <th scope="col">Kind</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Next try</th>
              <th scope="col">Message-ID</th>
              <th scope="col">Submission</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{pacificTime(row.createdAt)}</td>
                <td>{row.template}</td>
                <td>{row.to}</td>
                <td>{row.subject}</td>
                <td>
                  {MAIL_STATE_LABELS[row.status]}
                  {row.sentAt && ` ${pacificTime(row.sentAt)}`}
                  {row.status === 'FAILED' && <RetryMail id={row.id} label={row.subject} />}
                </td>
                <td>{row.attempts}</td>
                <td>{row.lastError ?? '—'}</td>
                <td>{row.status === 'PENDING' ? pacificTime(row.nextAttemptAt) : '—'}</td>
                <td>{row.messageId ?? '—'}</td>
                <td>{row.submission ? <Link href={`/staff/submissions/${row.submission.id}`}>{row.submission.reference}</Link> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <nav className="pager" aria-label="Pages">
          <span />
          <Link href={hrefOf(filter, next)}>Older e-mails</Link>
        </nav>
      )}
    </>
  );
}
