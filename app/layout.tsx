import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { kindsInWords } from '@/lib/request-status';
import './globals.css';

/**
 * Each page sets its whole title: form pages render their own <title> (React hoists it), so that after a
 * failed post without JavaScript it can start with "Error: ".
 */
export const metadata: Metadata = {
  description: `Requests from providers and clinics to CareOregon: a ${kindsInWords('or')}.`,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, the home and not-found pages too: each answer's scripts carry that request's CSP
  // nonce (lib/request-preparation.ts), and a page prerendered at build time would carry none.
  await connection();
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
            <p>
              CareOregon serves Oregon Health Plan (Medicaid) and Medicare members. Questions about a request? Write to the address in your
              receipt.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
