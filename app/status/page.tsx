import { KIND_NAMES } from '@/lib/request-status';
import { normalizeReference, REFERENCE_PREFIXES } from '@/lib/reference';
import { StatusForm } from './form';

export default async function StatusPage({ searchParams }: { searchParams: Promise<{ reference?: string | string[] }> }) {
  const { reference } = await searchParams;
  return (
    <>
      <h1>Check a request&apos;s status</h1>
      <p className="lead">See where a {kindsInWords()} stands. You need its reference and the e-mail address you sent it from.</p>
      <StatusForm
        reference={typeof reference === 'string' ? normalizeReference(reference).slice(0, 20) : ''}
        referencePrefixes={Object.values(REFERENCE_PREFIXES)}
      />
    </>
  );
}

/** "contract request, clinic alert e-mail registration or clinic information change": every kind, in the applicant's words. */
function kindsInWords(): string {
  const names = Object.values(KIND_NAMES).map((name) => name.toLowerCase());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}
