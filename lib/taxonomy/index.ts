import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { codesByLabel, normalizedLabel, optionLabels, type SpecialtyOption } from './catalog';

/**
 * The NUCC Health Care Provider Taxonomy code set (lib/taxonomy/nucc-taxonomy.csv, columns code,grouping,display).
 * NUCC republishes it twice a year; an update is a drop-in replacement of the file.
 */

export type Specialty = SpecialtyOption;

let cached: { list: Specialty[]; byCode: Map<string, Specialty>; labels: Map<string, string>; codes: Map<string, string> } | undefined;

function load() {
  if (!cached) {
    const file = path.join(process.cwd(), 'lib', 'taxonomy', 'nucc-taxonomy.csv');
    const list = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Specialty[];
    const byCode = new Map(list.map((specialty) => [specialty.code, specialty]));
    // The labels the no-JS select shows and posts, and back: the same maps the combobox builds in the browser.
    cached = { list, byCode, labels: optionLabels(list), codes: codesByLabel(list) };
  }
  return cached;
}

export function specialties(): Specialty[] {
  return load().list;
}

export function findSpecialty(code: string): Specialty | undefined {
  return load().byCode.get(code);
}

/**
 * The code a specialty field posted: the combobox posts a code, the no-JS select its option's label (optionLabels,
 * lib/taxonomy/catalog.ts). Undefined when it names no specialty of the code set.
 */
export function postedSpecialtyCode(posted: string): string | undefined {
  const text = normalizedLabel(posted);
  return load().byCode.has(text) ? text : load().codes.get(text);
}

/** The no-JS select's label for a posted value (a code or a label), to choose it again in a re-shown form. */
export function specialtyLabel(posted: string): string | undefined {
  const code = postedSpecialtyCode(posted);
  return code && load().labels.get(code);
}
