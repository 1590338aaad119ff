import type { Metadata } from 'next';
import Link from 'next/link';
import { KINDS, SUBMISSION_KINDS } from '@/lib/intake/kinds';

export const metadata: Metadata = { title: 'Provider Intake – CareOregon' };

export default function HomePage() {
  return (
    <>
      <h1>Provider Intake</h1>
      <p className="lead">
        The place for providers and clinics to send requests to CareOregon. Each request is checked as you fill it in, gets a reference
        number and an e-mail receipt, and goes straight to the right team.
      </p>
      <ul className="card-list">
        {SUBMISSION_KINDS.map((kind) => (
          <li key={kind} className="card">
            <h2>
              <Link href={KINDS[kind].form.path}>{KINDS[kind].form.title}</Link>
            </h2>
            <p>{KINDS[kind].form.summary}</p>
          </li>
        ))}
      </ul>
      <p>No account is needed.</p>
      <h2>Already sent one?</h2>
      <p>
        <Link href="/status">Check a request&apos;s status</Link> with its reference and the e-mail address you sent it from.
      </p>
    </>
  );
}
