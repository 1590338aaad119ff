/**
 * The specialty code set as it travels from the server to the specialty picker: each grouping name once, then
 * one [code, name, grouping index] row per code. Objects repeating the long grouping names were twice the size,
 * and the page carries the list twice (the no-JS select, and the data for the combobox).
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
