'use client';

import { lazy, Suspense, useMemo } from 'react';
import { fromCatalog, type SpecialtyCatalog, type SpecialtyOption } from '@/lib/taxonomy/catalog';
import type { ControlProps } from './field';
import { useIsHydrated } from './use-is-hydrated';

export type { SpecialtyOption };

// Loaded after hydration: until it arrives, the native select (which works on its own) stays.
const Combobox = lazy(() => import('./specialty-combobox'));

/**
 * The specialty picker. Without JavaScript (and before hydration) it is a native select grouped by NUCC
 * grouping; with JavaScript it becomes an ARIA 1.2 combobox that finds a specialty by any part of its name
 * or code. Either way the form posts `taxonomyCode`.
 */
interface PickerProps {
  name: string;
  control: ControlProps;
  catalog: SpecialtyCatalog;
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
}

/** What the enhanced combobox gets: the picker's props, with the catalog unpacked. */
export type ComboboxProps = Omit<PickerProps, 'catalog'> & { options: SpecialtyOption[] };

export function SpecialtyPicker(props: PickerProps) {
  const { name, control, catalog, value, onChange, onBlur } = props;
  const options = useMemo(() => fromCatalog(catalog), [catalog]);
  // Before hydration (and without JavaScript) the native select; the combobox once the page runs its script.
  const isEnhanced = useIsHydrated();

  const groups = new Map<string, SpecialtyOption[]>();
  for (const option of options) groups.set(option.grouping, [...(groups.get(option.grouping) ?? []), option]);
  const nativeSelect = (
    <select
      {...control}
      name={name}
      defaultValue={value}
      className="input--wide"
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
    >
      <option value="">Choose a specialty</option>
      {[...groups].map(([grouping, members]) => (
        <optgroup key={grouping} label={grouping}>
          {members.map((option) => (
            <option key={option.code} value={option.code}>
              {option.display}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
  if (!isEnhanced) return nativeSelect;
  return (
    <Suspense fallback={nativeSelect}>
      <Combobox name={name} control={control} options={options} value={value} onChange={onChange} onBlur={onBlur} />
    </Suspense>
  );
}
