import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Provider Intake – CareOregon', template: '%s – Provider Intake' },
  description: 'Requests from providers and clinics to CareOregon: new contracts, clinic alert e-mails and clinic changes.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="container">
            <Link href="/" className="site-name">
              CareOregon Provider Intake
            </Link>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>CareOregon serves Oregon Health Plan (Medicaid) and Medicare members. Questions about a request? Write to the address in your receipt.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
