import 'server-only';
import { createHash } from 'node:crypto';
import { optionsHtml, provideNativeOptions, toCatalog, withSelected } from './catalog';
import { specialties, specialtyLabel } from './index';

/**
 * The specialty list as the contract request page publishes it (decision 017): the catalog as one JSON file whose
 * address carries a hash of its content, so a browser may keep it for a year (app/api/specialties/[version]), and
 * the no-JS select's options, written by the server rendering only.
 */

let published: { json: string; version: string } | undefined;

export function publishedCatalog(): { json: string; version: string } {
  if (!published) {
    const json = JSON.stringify(toCatalog(specialties()));
    const version = createHash('sha256').update(json).digest('base64url').slice(0, 16);
    const html = optionsHtml(specialties());
    provideNativeOptions((value) => withSelected(html, specialtyLabel(value)));
    published = { json, version };
  }
  return published;
}

/** Where the combobox fetches the catalog; calling it also makes the server render the no-JS select's options. */
export function specialtyCatalogUrl(): string {
  return `/api/specialties/${publishedCatalog().version}`;
}
