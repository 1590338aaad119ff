import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found – Provider Intake' };

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct. If you followed a reference link, the reference may be mistyped.</p>
      <p>
        <Link href="/">Go to Provider Intake</Link>
      </p>
    </>
  );
}
