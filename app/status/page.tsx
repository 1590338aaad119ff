import { kindsInWords } from '@/lib/request-status';
import { ALL_REFERENCE_PREFIXES, normalizeReference } from '@/lib/reference';
import { StatusForm } from './form';

export default async function StatusPage({ searchParams }: { searchParams: Promise<{ reference?: string | string[] }> }) {
  const { reference } = await searchParams;
  return (
    <>
      <h1>Check a request&apos;s status</h1>
      <p className="lead">See where a {kindsInWords('or')} stands. You need its reference and the e-mail address you sent it from.</p>
      <StatusForm
        reference={typeof reference === 'string' ? normalizeReference(reference).slice(0, 20) : ''}
        referencePrefixes={ALL_REFERENCE_PREFIXES}
      />
    </>
  );
}
