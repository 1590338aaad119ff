import { newSubmissionKey } from '@/lib/submission-key';
import { connection } from 'next/server';
import { ClinicEmailsForm } from './form';

export default async function ClinicEmailsPage() {
  await connection();
  return (
    <>
      <h1>Register the people who should get CareOregon alerts</h1>
      <p className="lead">
        CareOregon sends clinics system alerts by e-mail: eligibility, claims and network notices. Tell us who at your clinic should receive
        them. Each person confirms their own address from their inbox, and then the list goes to our alerts team.
      </p>
      <p>All fields are required.</p>
      <ClinicEmailsForm submissionKey={await newSubmissionKey()} />
    </>
  );
}
