/**
 * The specialty code set as it travels from the server to the specialty picker: each grouping name once, then
 * one [code, name, grouping index] row per code. Objects repeating the long grouping names were twice the size.
 * The picker gets it twice, each way once (decision 017): the no-JS select's options are written into the HTML
 * during server rendering only (nativeOptionsHtml), and the combobox fetches this catalog as a content-hashed,
 * immutable JSON file (/api/specialties/<hash>) after hydration. Neither travels in React's payload.
 */
export interface SpecialtyOption {
  code: string;
  grouping: string;
  display: string;
}

export interface SpecialtyCatalog {
  groupings: string[];
  rows: Array<[code: string, display: string, grouping: number]>;
}

export function toCatalog(options: SpecialtyOption[]): SpecialtyCatalog {
  const groupings: string[] = [];
  const index = new Map<string, number>();
  const rows = options.map((option): [string, string, number] => {
    let grouping = index.get(option.grouping);
    if (grouping === undefined) {
      grouping = groupings.push(option.grouping) - 1;
      index.set(option.grouping, grouping);
    }
    return [option.code, option.display, grouping];
  });
  return { groupings, rows };
}

export function fromCatalog(catalog: SpecialtyCatalog): SpecialtyOption[] {
  return catalog.rows.map(([code, display, grouping]) => ({ code, display, grouping: catalog.groupings[grouping] }));
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');
/** A value HTML reads without quotes: NUCC codes (ten letters and digits) always are. */
const BARE_VALUE = /^[A-Za-z0-9]+$/;

/**
 * The no-JS select's options, grouped by NUCC grouping, in the shortest markup HTML allows: unquoted codes, and
 * no `</option>` or `</optgroup>` (the next option, group or `</select>` closes them). About 54 KB for 857 codes,
 * against 64 KB as React writes them.
 */
export function optionsHtml(options: SpecialtyOption[]): string {
  const parts = ['<option value="">Choose a specialty'];
  let grouping: string | undefined;
  for (const option of options) {
    if (option.grouping !== grouping) {
      grouping = option.grouping;
      parts.push(`<optgroup label="${escapeAttribute(grouping)}">`);
    }
    const value = BARE_VALUE.test(option.code) ? option.code : `"${escapeAttribute(option.code)}"`;
    parts.push(`<option value=${value}>${escapeText(option.display)}`);
  }
  return parts.join('');
}

/** The same options with `value` chosen (a re-shown form keeps the specialty picked before). */
export function withSelected(html: string, value: string): string {
  if (!value || !BARE_VALUE.test(value)) return html;
  const option = `<option value=${value}>`;
  const at = html.indexOf(option);
  if (at < 0) return html;
  return `${html.slice(0, at)}<option value=${value} selected>${html.slice(at + option.length)}`;
}

// ---------------------------------------------------------------------------------------------------------
// The server-rendered options: handed from the server's module graph to the picker's server rendering through
// one global, so they never become a prop (a prop of a client component travels again in React's payload).
// ---------------------------------------------------------------------------------------------------------

const NATIVE_OPTIONS = Symbol.for('provider-intake.specialty-native-options');
type Holder = typeof globalThis & { [NATIVE_OPTIONS]?: (value: string) => string };

/** Called on the server (lib/taxonomy/published.ts): from now on, server rendering writes these options. */
export function provideNativeOptions(render: (value: string) => string): void {
  (globalThis as Holder)[NATIVE_OPTIONS] = render;
}

/**
 * The options of the no-JS select, `value` chosen: the whole list while rendering on the server, nothing in the
 * browser (where the server's options are already in the page, and the combobox takes over once it loads).
 */
export function nativeOptionsHtml(value: string): string {
  return (globalThis as Holder)[NATIVE_OPTIONS]?.(value) ?? '';
}
