import Link from 'next/link';
import {
  findRegistrationForRegistrant,
  RESENDS_PER_DAY,
  type ContactState,
  type ResendOutcome,
} from '@/lib/intake/clinic-emails/verification';
import { REFERENCE_PATTERN } from '@/lib/reference';
import { PageNotFound } from '@/components/page-not-found';
import { resendLink } from '../../actions';

const STATE_LABEL: Record<ContactState, string> = {
  waiting: 'Waiting for confirmation',
  verified: 'Verified',
  expired: 'Link expired',
};

const RESEND_NOTICE: Record<ResendOutcome, string> = {
  sent: 'We sent a new link. The old one no longer works.',
  limit: `That address has had ${RESENDS_PER_DAY} new links today. Try again tomorrow.`,
  verified: 'That address is already verified.',
  closed: 'This registration has already gone to CareOregon.',
  'not-found': 'We could not find that address on this registration.',
};

/** The registrant's page: the reference, and each address with its state. Opened with the key in its link. */
export default async function RegisteredPage(props: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<{ key?: string; resent?: string; contact?: string }>;
}) {
  const { reference } = await props.params;
  const { key = '', resent, contact } = await props.searchParams;
  const registration = REFERENCE_PATTERN.test(reference) ? await findRegistrationForRegistrant(reference, key) : null;
  if (!registration) return <PageNotFound />;
  const notice = resent && resent in RESEND_NOTICE ? RESEND_NOTICE[resent as ResendOutcome] : undefined;
  const verified = registration.contacts.filter((person) => person.state === 'verified').length;

  return (
    <>
      <title>Clinic alert e-mails registered – Provider Intake</title>
      <div className="panel panel--success">
        <h1>Clinic alert e-mails registered</h1>
        <p>
          Your reference is <strong className="reference">{registration.reference}</strong>
        </p>
      </div>
      {registration.forwardedAt ? (
        <p>This list has been sent to CareOregon&apos;s alerts team, and we e-mailed you a receipt.</p>
      ) : (
        <p>
          We sent each person a link to confirm their address. When all {registration.contacts.length} have confirmed ({verified} so far),
          the list goes to CareOregon&apos;s alerts team and we e-mail you a receipt. Links work for 72 hours; addresses still unconfirmed
          then are sent marked as unverified. Keep this page&apos;s address to come back to it.
        </p>
      )}
      {notice && (
        <div className="panel panel--notice" role="status">
          {notice}
        </div>
      )}
      <table className="table">
        <caption className="visually-hidden">People and the state of their addresses</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">E-mail</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {registration.contacts.map((person) => (
            <tr key={person.id} id={`contact-${person.id}`} className={contact === person.id ? 'row--highlight' : undefined}>
              <td>
                {person.fullName}
                <br />
                <span className="hint">{person.jobTitle}</span>
              </td>
              <td>{person.email}</td>
              <td>{STATE_LABEL[person.state]}</td>
              <td>
                {person.canResend && (
                  <form action={resendLink}>
                    <input type="hidden" name="reference" value={registration.reference} />
                    <input type="hidden" name="key" value={key} />
                    <input type="hidden" name="contactId" value={person.id} />
                    <button type="submit" className="button button--secondary">
                      Send a new link<span className="visually-hidden">{` to ${person.email}`}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link href="/">Back to Provider Intake</Link>
      </p>
    </>
  );
}
