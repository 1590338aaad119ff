'use client';

import { useEffect, useState } from 'react';
import type { NpiSummary } from '@/lib/registry/summary';

/**
 * What the NPI registry holds for the NPI just typed: name, primary specialty, city and state, with `Use these
 * details`, which fills only the fields still empty (name, specialty, physical address) and never overwrites an
 * answer. Loaded lazily, once a valid NPI is left, so the form's own JavaScript stays small; asked through our
 * server (GET /api/npi/<npi>), never the registry itself.
 */

export interface RegistryPanelProps {
  npi: string;
  /** The form's current value of a field ('' when empty). */
  valueOf: (name: string) => string;
  /** Sets a field's value. */
  fill: (name: string, value: string) => void;
  /** The form's field names: the provider's name, the specialty, and the physical address's prefix. */
  fields?: { name: string; specialty?: string; address?: string };
}

type Loaded = { npi: string; summary?: NpiSummary };

/** The registry's capitals, as a person would write them: ROSE CITY CLINIC LLC → Rose City Clinic LLC. */
export function fromCapitals(text: string): string {
  const kept = new Set(['LLC', 'PLLC', 'PC', 'LLP', 'MD', 'DO', 'NP', 'PA', 'DDS', 'DMD', 'II', 'III', 'IV', 'PO', 'NE', 'NW', 'SE', 'SW']);
  return text
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((word) => (kept.has(word.toUpperCase()) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}

const zipOf = (zip: string) => (zip.length === 9 ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip.slice(0, 5));

export default function RegistryPanel({
  npi,
  valueOf,
  fill,
  fields = { name: 'providerName', specialty: 'taxonomyCode', address: 'physical' },
}: RegistryPanelProps) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [filled, setFilled] = useState<{ npi: string; message: string }>();

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/npi/${npi}`, { signal: controller.signal, headers: { accept: 'application/json' } })
      .then((response) => response.json() as Promise<NpiSummary>)
      .then((summary) => setLoaded({ npi, summary }))
      .catch(() => {
        if (!controller.signal.aborted) setLoaded({ npi, summary: { status: 'unavailable', npi } });
      });
    return () => controller.abort();
  }, [npi]);

  const summary = loaded?.npi === npi ? loaded.summary : undefined;
  if (!summary) return <p>Looking up NPI {npi} in the NPI registry…</p>;
  if (summary.status === 'not-found')
    return <p>The NPI registry has no provider with NPI {npi}. Check the number; you can still send the form.</p>;
  if (summary.status === 'unavailable')
    return <p>We could not look NPI {npi} up in the NPI registry just now. You can still send the form.</p>;

  const place = summary.address && `${fromCapitals(summary.address.city)}, ${summary.address.state}`;
  const use = () => {
    const done: string[] = [];
    const isEmpty = (name: string) => valueOf(name).trim() === '';
    if (fields.name && isEmpty(fields.name) && summary.name) {
      fill(fields.name, fromCapitals(summary.name));
      done.push('name');
    }
    if (fields.specialty && isEmpty(fields.specialty) && summary.specialty?.isKnown) {
      fill(fields.specialty, summary.specialty.code);
      done.push('specialty');
    }
    const prefix = fields.address;
    const address = summary.address;
    if (prefix && address && ['Street', 'Line2', 'City', 'Zip'].every((part) => isEmpty(`${prefix}${part}`))) {
      fill(`${prefix}Street`, fromCapitals(address.street));
      if (address.line2) fill(`${prefix}Line2`, fromCapitals(address.line2));
      fill(`${prefix}City`, fromCapitals(address.city));
      fill(`${prefix}State`, address.state);
      fill(`${prefix}Zip`, zipOf(address.zip));
      done.push('physical address');
    }
    setFilled({
      npi,
      message:
        done.length > 0
          ? `Filled in from the registry: ${done.join(', ')}. Check them before you send the form.`
          : 'Nothing was filled in: those fields already have answers, and yours are kept.',
    });
  };

  return (
    <div className="panel registry-panel">
      <p>
        <strong>The NPI registry has for NPI {npi}:</strong> {fromCapitals(summary.name)}
        {summary.specialty && `, ${summary.specialty.desc}`}
        {place && `, ${place}`}.{summary.status === 'deactivated' && ' The registry lists this NPI as deactivated.'}
      </p>
      <button type="button" className="button button--secondary" onClick={use}>
        Use these details
      </button>
      {filled?.npi === npi && <p>{filled.message}</p>}
    </div>
  );
}
