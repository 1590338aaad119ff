import type { Metadata } from 'next';
import { lookUpLink, RESENDS_PER_DAY, type ResendOutcome } from '@/lib/intake/clinic-emails/verification';
import { confirmAddress, sendNewLink } from '../../actions';

// same-origin: the token in this page's address never leaves the site. (no-referrer would make the browser send
// `Origin: null` with the confirm button's post, which Next's Server Action origin check refuses.)
export const metadata: Metadata = { title: 'Confirm your e-mail address – Provider Intake', referrer: 'same-origin' };

const RESENT: Partial<Record<ResendOutcome, string>> = {
  sent: 'We sent a new link to your address. Use the newest e-mail: this link no longer works.',
  limit: `This address has had ${RESENDS_PER_DAY} new links today. Try again tomorrow.`,
  closed: 'The list for this clinic has already gone to CareOregon. Ask the person who registered you to register again.',
};

/**
 * Opening the link only shows this page: mail scanners open links before people do. The address is
 * confirmed by the button's POST.
 */
export default async function VerifyPage(props: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ confirmed?: string; resent?: string }>;
}) {
  const { token } = await props.params;
  const { confirmed, resent } = await props.searchParams;
  const link = await lookUpLink(token);
  const resentNotice = resent ? RESENT[resent as ResendOutcome] : undefined;

  if (resentNotice) {
    return (
      <>
        <h1>{resent === 'sent' ? 'New link sent' : 'No new link sent'}</h1>
        <p role="status">{resentNotice}</p>
      </>
    );
  }
  switch (link.state) {
    case 'unknown':
      return (
        <>
          <h1>We do not recognise this link</h1>
          <p>
            It may have been replaced by a newer link, or copied incompletely. Use the newest e-mail we sent you, or ask the person who
            registered you to send a new link from their registration page.
          </p>
        </>
      );
    case 'used':
      return (
        <>
          <h1>{confirmed ? 'Thank you: your address is confirmed' : 'This address is already confirmed'}</h1>
          <p>
            <strong>{link.email}</strong> will receive CareOregon system alerts for {link.clinicName}. There is nothing more to do.
          </p>
        </>
      );
    case 'expired':
      return (
        <>
          <h1>This link has expired</h1>
          <p>
            Links to confirm an address work for 72 hours. We can send a new one to <strong>{link.email}</strong> for {link.clinicName}.
          </p>
          <form action={sendNewLink}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button">
              Send me a new link
            </button>
          </form>
        </>
      );
    case 'valid':
      return (
        <>
          <h1>Confirm your e-mail address</h1>
          <p>
            {link.clinicName} asked CareOregon to send its system alerts (eligibility, claims and network notices) to{' '}
            <strong>{link.fullName}</strong> at <strong>{link.email}</strong>.
          </p>
          <form action={confirmAddress}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button">
              Confirm this address
            </button>
          </form>
          <p className="hint">If this is not you, or you did not expect it, close this page: nothing will be sent to you.</p>
        </>
      );
  }
}
