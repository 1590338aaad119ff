'use client';

import { lazy, Suspense, useEffect, useState } from 'react';
import type { ControlProps } from './field';

export interface SpecialtyOption {
  code: string;
  grouping: string;
  display: string;
}

// Loaded after hydration: until it arrives, the native select (which works on its own) stays.
const Combobox = lazy(() => import('./specialty-combobox'));

/**
 * The specialty picker. Without JavaScript (and before hydration) it is a native select grouped by NUCC
 * grouping; with JavaScript it becomes an ARIA 1.2 combobox that finds a specialty by any part of its name
 * or code. Either way the form posts `taxonomyCode`.
 */
export function SpecialtyPicker(props: {
  name: string;
  control: ControlProps;
  options: SpecialtyOption[];
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
}) {
  const { name, control, options, value, onChange, onBlur } = props;
  const [isEnhanced, setIsEnhanced] = useState(false);
  useEffect(() => setIsEnhanced(true), []);

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
      <Combobox {...props} />
    </Suspense>
  );
}

