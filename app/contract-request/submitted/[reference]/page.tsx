import Link from 'next/link';
import { findSubmissionByReference } from '@/lib/db/submissions';
import { REFERENCE_PATTERN } from '@/lib/reference';
import { PageNotFound } from '@/components/page-not-found';
import { ReceiptNotice } from '@/components/receipt-notice';

export default async function ContractRequestSubmittedPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const submission = REFERENCE_PATTERN.test(reference) ? await findSubmissionByReference(reference) : null;
  if (!submission || submission.kind !== 'CONTRACT_REQUEST') return <PageNotFound />;
  return (
    <>
      <title>Contract request received – Provider Intake</title>
      <div className="panel panel--success">
        <h1>Contract request received</h1>
        <p>
          Your reference is <strong className="reference">{submission.reference}</strong>
        </p>
      </div>
      <ReceiptNotice sent={submission._count.outboxMessages > 0} about="this request" />
      <h2>What happens next</h2>
      <ol>
        <li>Our provider contracting team reviews your request.</li>
        <li>If we need anything more, we will write to you at the e-mail address you gave.</li>
        <li>We will write to you again when a decision is made.</li>
      </ol>
      <p>
        You can <Link href={`/status?reference=${submission.reference}`}>check its status</Link> at any time with your reference and your
        e-mail address.
      </p>
      <p>
        <Link href="/">Back to Provider Intake</Link>
      </p>
    </>
  );
}
