import { newSubmissionKey } from '@/lib/submission-key';
import { connection } from 'next/server';
import { addYears, todayInPacific } from '@/lib/validation/dates';
import { ClinicUpdateForm } from './form';

export default async function ClinicUpdatesPage() {
  await connection();
  const today = todayInPacific();
  return (
    <>
      <h1>Tell us about a change to your clinic</h1>
      <p className="lead">
        Members find care through the CareOregon provider directory. When your clinic’s address, phone, hours, providers or other details
        change, tell us here and our provider data team will update our records and the directory.
      </p>
      <p>All fields are required unless they say optional. Choose what is changing, and we ask only for what we need.</p>
      <ClinicUpdateForm submissionKey={await newSubmissionKey()} earliestDate={addYears(today, -1)} latestDate={addYears(today, 1)} />
    </>
  );
}
