'use client';

import { useEffect, useState, type ComponentType } from 'react';
import {
  codesByLabel,
  fromCatalog,
  nativeOptionsHtml,
  normalizedLabel,
  type SpecialtyCatalog,
  type SpecialtyOption,
} from '@/lib/taxonomy/catalog';
import type { ControlProps } from './field';

export type { SpecialtyOption };

/**
 * The specialty picker. Without JavaScript (and until the combobox has loaded) it is a native select grouped by
 * NUCC grouping; with JavaScript it becomes an ARIA 1.2 combobox that finds a specialty by any part of its name
 * or code. Either way the form posts `taxonomyCode`.
 *
 * Neither way puts the 857 codes in React's payload (decision 017): the select's options are written by the server
 * rendering only (`nativeOptionsHtml`) and kept by hydration, and the combobox fetches the catalog from
 * `catalogUrl`, a content-hashed address the browser caches for good, after hydration, together with its own code.
 */
interface PickerProps {
  name: string;
  control: ControlProps;
  /** Where the catalog is (`specialtyCatalogUrl()`, lib/taxonomy/published.ts). */
  catalogUrl: string;
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
}

/** What the enhanced combobox gets: the picker's props, with the catalog fetched and unpacked. */
export type ComboboxProps = Omit<PickerProps, 'catalogUrl'> & { options: SpecialtyOption[] };

interface Enhancement {
  Combobox: ComponentType<ComboboxProps>;
  options: SpecialtyOption[];
  /** The native select posts labels (lib/taxonomy/catalog.ts, optionLabels); the combobox holds codes. */
  codes: Map<string, string>;
}

const loaded = new Map<string, Promise<Enhancement>>();

/** The combobox's code and the catalog, fetched in parallel, once per page whatever re-renders. */
function loadEnhancement(catalogUrl: string): Promise<Enhancement> {
  let promise = loaded.get(catalogUrl);
  if (!promise) {
    promise = Promise.all([
      import('./specialty-combobox'),
      fetch(catalogUrl).then((reply) => {
        if (!reply.ok) throw new Error(`${catalogUrl} answered ${reply.status}`);
        return reply.json() as Promise<SpecialtyCatalog>;
      }),
    ]).then(([module, catalog]) => {
      const options = fromCatalog(catalog);
      return { Combobox: module.default, options, codes: codesByLabel(options) };
    });
    // A failure leaves the native select in place; a later page may try again.
    promise.catch(() => loaded.delete(catalogUrl));
    loaded.set(catalogUrl, promise);
  }
  return promise;
}

/** The same object each time in the browser, so React never rewrites the server's options. */
const NO_OPTIONS = { __html: '' };

export function SpecialtyPicker(props: PickerProps) {
  const { name, control, catalogUrl, value, onChange, onBlur } = props;
  const [enhancement, setEnhancement] = useState<Enhancement | null>(null);

  useEffect(() => {
    let isCurrent = true;
    loadEnhancement(catalogUrl).then(
      (loaded) => isCurrent && setEnhancement(loaded),
      () => {
        /* the native select keeps working */
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [catalogUrl]);

  // A specialty chosen in the native select before the combobox arrived is a label: the combobox takes its code.
  const codeOfChosenLabel = enhancement && value ? enhancement.codes.get(normalizedLabel(value)) : undefined;
  useEffect(() => {
    if (codeOfChosenLabel && codeOfChosenLabel !== value) onChange(codeOfChosenLabel);
  }, [codeOfChosenLabel, value, onChange]);

  if (enhancement) {
    const { Combobox, options } = enhancement;
    return <Combobox name={name} control={control} options={options} value={value} onChange={onChange} onBlur={onBlur} />;
  }
  const html = nativeOptionsHtml(value);
  return (
    <select
      {...control}
      name={name}
      className="input--wide"
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      // The options (the chosen one marked `selected`) come from the server's HTML; hydration keeps them as they are.
      dangerouslySetInnerHTML={html ? { __html: html } : NO_OPTIONS}
      suppressHydrationWarning
    />
  );
}
