import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { SpecialtyOption } from './catalog';

/**
 * The NUCC Health Care Provider Taxonomy code set (lib/taxonomy/nucc-taxonomy.csv, columns code,grouping,display).
 * NUCC republishes it twice a year; an update is a drop-in replacement of the file.
 */

export type Specialty = SpecialtyOption;

let cached: { list: Specialty[]; byCode: Map<string, Specialty> } | undefined;

function load() {
  if (!cached) {
    const file = path.join(process.cwd(), 'lib', 'taxonomy', 'nucc-taxonomy.csv');
    const list = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Specialty[];
    cached = { list, byCode: new Map(list.map((specialty) => [specialty.code, specialty])) };
  }
  return cached;
}

export function specialties(): Specialty[] {
  return load().list;
}

export function findSpecialty(code: string): Specialty | undefined {
  return load().byCode.get(code);
}
