import Link from 'next/link';
import { answerWithStatus } from '@/lib/page-status';

/** What a visitor reads on an address that leads nowhere. */
export function NotFoundMessage() {
  return (
    <>
      <title>Page not found – Provider Intake</title>
      <meta name="robots" content="noindex" />
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct. If you followed a reference link, the reference may be mistyped.</p>
      <p>
        <Link href="/">Go to Provider Intake</Link>
      </p>
    </>
  );
}

/**
 * A page's answer when what it shows does not exist: the message, rendered on the server (readable with JavaScript
 * off), and a 404 (lib/page-status.ts). Only a page returns this; app/not-found.tsx, which Next renders into every
 * page's payload, uses the message alone.
 */
export function PageNotFound() {
  answerWithStatus(404);
  return <NotFoundMessage />;
}
