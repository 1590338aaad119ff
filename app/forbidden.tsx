import Link from 'next/link';

export default function Forbidden() {
  return (
    <>
      <title>Not allowed – Provider Intake</title>
      <h1>You do not have access to this page</h1>
      <p>Your staff role does not allow this. If you need it, ask a Provider Intake admin to change your role.</p>
      <p>
        <Link href="/staff/submissions">Back to submissions</Link>
      </p>
    </>
  );
}
