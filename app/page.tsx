import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Provider Intake – CareOregon' };

export default function HomePage() {
  return (
    <>
      <h1>Provider Intake</h1>
      <p className="lead">
        The place for providers and clinics to send requests to CareOregon. Each request is checked as you fill it in, gets a
        reference number and an e-mail receipt, and goes straight to the right team.
      </p>
      <ul className="card-list">
        <li className="card">
          <h2>
            <Link href="/contract-request">Request a contract</Link>
          </h2>
          <p>For providers and clinics that want to join the CareOregon provider network.</p>
        </li>
        <li className="card">
          <h2>
            <Link href="/clinic-emails">Register clinic alert e-mails</Link>
          </h2>
          <p>Tell us who at your clinic should receive CareOregon system alerts: eligibility, claims and network notices.</p>
        </li>
        <li className="card">
          <h2>
            <Link href="/clinic-updates">Tell us about a clinic change</Link>
          </h2>
          <p>A new address, phone or fax, name, hours, a provider joining or leaving, a new TIN: keep the provider directory right.</p>
        </li>
      </ul>
      <p>No account is needed.</p>
      <h2>Already sent one?</h2>
      <p>
        <Link href="/status">Check a request&apos;s status</Link> with its reference and the e-mail address you sent it from.
      </p>
    </>
  );
}
