'use client';

import { lazy, Suspense, useState, type FocusEvent } from 'react';
import { useIsHydrated } from '@/components/form/use-is-hydrated';
import { hasValidNpiCheckDigit, normalizeNpi } from '@/lib/validation/npi';
import type { RegistryPanelProps } from './registry-panel';

// The panel and its look-up load only once a valid NPI has been left: the form's own JavaScript stays within budget.
const RegistryPanel = lazy(() => import('./registry-panel'));

/**
 * The NPI to show the registry's details for: set when a field holding a valid NPI loses focus. `onBlur` goes on the
 * NPI input, or on an element around it (blur events bubble in React).
 */
export function useRegistryLookup() {
  const [npi, setNpi] = useState<string>();
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    const typed = normalizeNpi((event.target as HTMLInputElement).value ?? '');
    if (hasValidNpiCheckDigit(typed)) setNpi(typed);
  };
  return { npi, onBlur };
}

/**
 * A polite live region under the NPI field, present once the page runs its JavaScript (never without it, so the
 * no-JavaScript form is unchanged), into which the registry panel loads.
 */
export function RegistryLookup({ npi, ...panel }: Omit<RegistryPanelProps, 'npi'> & { npi?: string }) {
  const isHydrated = useIsHydrated();
  if (!isHydrated) return null;
  return (
    <div aria-live="polite" className="registry-lookup">
      {npi && (
        <Suspense fallback={<p>Looking up NPI {npi} in the NPI registry…</p>}>
          <RegistryPanel npi={npi} {...panel} />
        </Suspense>
      )}
    </div>
  );
}
