import { newSubmissionKey } from '@/lib/submission-key';
import { connection } from 'next/server';
import { specialtyCatalogUrl } from '@/lib/taxonomy/published';
import { ContractRequestForm } from './form';

export default async function ContractRequestPage() {
  await connection();
  return (
    <>
      <h1>Request a contract to join our provider network</h1>
      <p className="lead">
        Tell us about the provider or clinic that wants to join the CareOregon network. It takes about five minutes. You will get a
        reference number and an e-mail receipt, and our contracting team will be in touch.
      </p>
      <p>All fields are required unless they say optional.</p>
      <ContractRequestForm catalogUrl={specialtyCatalogUrl()} submissionKey={await newSubmissionKey()} />
    </>
  );
}
