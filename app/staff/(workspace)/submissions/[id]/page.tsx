import Link from 'next/link';
import { hasRole } from '@/lib/auth/roles';
import { staffForPage } from '@/lib/auth/session';
import { NoAccess } from '@/components/no-access';
import { KIND_LABELS, STATUS_LABELS } from '@/lib/staff/queue-filter';
import { getSubmission, listAssignableStaff } from '@/lib/staff/submissions';
import { MOVES, moveLabel } from '@/lib/staff/workflow';
import { SubmissionDetails } from './details';
import { historyLine } from './history';
import { Assignment, NoteForm, RevealTin, StatusMoves } from './work-panel';
import { pacificTime } from '@/lib/format';
import { PageNotFound } from '@/components/page-not-found';
import { RetryMail } from '../../outbox/retry-mail';
import { listExclusionMatches } from '@/lib/staff/exclusions';
import { ExclusionBlock } from './exclusion-block';
import { getRegistryChecks } from '@/lib/registry/staff-view';
import { RegistryCheck } from './registry-check';

// No metadata title: the page's own <title> names the submission.
const DELIVERY: Record<string, string> = { PENDING: 'Waiting to send', SENT: 'Sent', FAILED: 'Failed' };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await staffForPage('viewer');
  if (!staff) return <NoAccess />;
  const { id } = await params;
  const found = await getSubmission(id);
  if (!found) return <PageNotFound />;
  const { submission, answers, history, duplicates } = found;
  const isReviewer = hasRole(staff.role, 'reviewer');
  const [assignable, exclusions, registry] = await Promise.all([
    isReviewer ? listAssignableStaff() : [],
    listExclusionMatches(submission.id),
    getRegistryChecks(submission.id),
  ]);
  return (
    <>
      <title>{`${submission.reference} – Provider Intake staff`}</title>
      <p>
        <Link href="/staff/submissions">All submissions</Link>
      </p>
      <h1>
        {KIND_LABELS[submission.kind]} {submission.reference}
      </h1>
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <span className="tag">{STATUS_LABELS[submission.status]}</span>
        </dd>
        <dt>Assignee</dt>
        <dd>{submission.assignee?.name ?? 'Nobody'}</dd>
        <dt>Received</dt>
        <dd>{pacificTime(submission.createdAt)}</dd>
      </dl>

      <ExclusionBlock id={submission.id} matches={exclusions} canDecide={isReviewer} />

      {isReviewer && (
        <section className="work" aria-labelledby="work-heading">
          <h2 id="work-heading">Work on it</h2>
          <StatusMoves
            id={submission.id}
            version={submission.version}
            moves={MOVES[submission.status].map((to) => ({ to, label: moveLabel(submission.status, to) }))}
          />
          <h3>Assignee</h3>
          <Assignment id={submission.id} version={submission.version} assigneeId={submission.assignee?.id ?? null} staff={assignable} />
        </section>
      )}

      <h2>What was sent</h2>
      <SubmissionDetails rows={answers.rows} />
      {isReviewer && answers.maskedTin && (
        <section aria-labelledby="tin-heading">
          <h3 id="tin-heading">Full TIN</h3>
          <RevealTin id={submission.id} masked={answers.maskedTin} />
        </section>
      )}

      <RegistryCheck {...registry} />

      <h2>Messages to the applicant</h2>
      {submission.messages.length === 0 ? (
        <p>None sent.</p>
      ) : (
        <ul className="notes">
          {submission.messages.map((message) => (
            <li key={message.id}>
              <strong>
                {message.author.name}, {pacificTime(message.createdAt)}, with the move to {STATUS_LABELS[message.status]}
              </strong>
              {'\n'}
              {message.body}
            </li>
          ))}
        </ul>
      )}

      <h2>Notes</h2>
      {submission.notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ul className="notes">
          {submission.notes.map((note) => (
            <li key={note.id}>
              <strong>
                {note.author.name}, {pacificTime(note.createdAt)}
              </strong>
              {'\n'}
              {note.body}
            </li>
          ))}
        </ul>
      )}
      {isReviewer && <NoteForm id={submission.id} />}

      <h2>Possible duplicates</h2>
      {duplicates.length === 0 ? (
        <p>No other submission in the last 12 months has this NPI or TIN.</p>
      ) : (
        <ul>
          {duplicates.map((duplicate) => (
            <li key={duplicate.id}>
              <Link href={`/staff/submissions/${duplicate.id}`}>{duplicate.reference}</Link> ({KIND_LABELS[duplicate.kind]},{' '}
              {duplicate.name}, {STATUS_LABELS[duplicate.status]}, {pacificTime(duplicate.createdAt)}): same{' '}
              {[duplicate.sameNpi && 'NPI', duplicate.sameTin && 'TIN'].filter(Boolean).join(' and ')}
            </li>
          ))}
        </ul>
      )}

      <h2>E-mails</h2>
      {submission.outboxMessages.length === 0 ? (
        <p>No e-mails yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {submission.outboxMessages.map((message) => (
              <tr key={message.id}>
                <td>{message.subject}</td>
                <td>{message.to}</td>
                <td>
                  {DELIVERY[message.status]}
                  {message.sentAt && ` ${pacificTime(message.sentAt)}`}
                  {message.status !== 'SENT' &&
                    message.attempts > 0 &&
                    ` (${message.attempts} attempts${message.lastError ? `; last error: ${message.lastError}` : ''})`}
                  {message.status === 'FAILED' && isReviewer && <RetryMail id={message.id} label={message.subject} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>History</h2>
      <ol>
        <li>Received {pacificTime(submission.createdAt)}</li>
        {history.map((event) => (
          <li key={event.id}>
            {pacificTime(event.at)}: {historyLine(event)}
          </li>
        ))}
      </ol>
    </>
  );
}
