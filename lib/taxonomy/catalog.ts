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

/**
 * What the no-JS select shows, and so posts, for each specialty: its name, or, for a name two codes share (three
 * names of the code set), the name and its code, so that every label names one code. An option without a `value`
 * posts its text; leaving the codes out of the page is 14.5 KB of its HTML (decision 017). Keyed by code.
 */
export function optionLabels(options: SpecialtyOption[]): Map<string, string> {
  const uses = new Map<string, number>();
  for (const option of options) uses.set(option.display, (uses.get(option.display) ?? 0) + 1);
  return new Map(
    options.map((option) => [option.code, uses.get(option.display)! > 1 ? `${option.display} (${option.code})` : option.display]),
  );
}

/** The code each label names (optionLabels), for the combobox taking over from a select already chosen. */
export function codesByLabel(options: SpecialtyOption[]): Map<string, string> {
  return new Map([...optionLabels(options)].map(([code, label]) => [normalizedLabel(label), code]));
}

/** A posted label as the browser sends it: an option's text, its white space stripped and collapsed. */
export function normalizedLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');
/**
 * The no-JS select's options, grouped by NUCC grouping, in the shortest markup HTML allows: each option its label
 * alone (optionLabels: it posts its text), and no `</option>` or `</optgroup>` (the next option, group or `</select>`
 * closes them). About 39 KB for 857 codes, against 64 KB as React writes them with their codes.
 */
export function optionsHtml(options: SpecialtyOption[]): string {
  const labels = optionLabels(options);
  const parts = ['<option value="">Choose a specialty'];
  let grouping: string | undefined;
  for (const option of options) {
    if (option.grouping !== grouping) {
      grouping = option.grouping;
      parts.push(`<optgroup label="${escapeAttribute(grouping)}">`);
    }
    parts.push(`<option>${escapeText(labels.get(option.code)!)}`);
  }
  return parts.join('');
}

/** The same options with the one labelled `label` chosen (a re-shown form keeps the specialty picked before). */
export function withSelected(html: string, label: string | undefined): string {
  if (!label) return html;
  const option = `<option>${escapeText(label)}`;
  // The whole label: the next tag, or the end, follows it (Counselor is not Counselor, Addiction).
  let at = html.indexOf(option);
  while (at >= 0 && at + option.length < html.length && html[at + option.length] !== '<') at = html.indexOf(option, at + 1);
  if (at < 0) return html;
  return `${html.slice(0, at)}<option selected>${html.slice(at + '<option>'.length)}`;
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
