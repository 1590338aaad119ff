/** @jest-environment jsdom */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { useState } from 'react';
import { Field } from '@/components/form/field';
import { SpecialtyPicker, type SpecialtyOption } from '@/components/form/specialty-picker';
import { optionLabels, optionsHtml, provideNativeOptions, toCatalog, withSelected } from '@/lib/taxonomy/catalog';

const OPTIONS: SpecialtyOption[] = [
  { code: '207Q00000X', grouping: 'Allopathic & Osteopathic Physicians', display: 'Family Medicine' },
  { code: '207QA0000X', grouping: 'Allopathic & Osteopathic Physicians', display: 'Family Medicine, Adolescent Medicine' },
  { code: '207QG0300X', grouping: 'Allopathic & Osteopathic Physicians', display: 'Family Medicine, Geriatric Medicine' },
  { code: '207R00000X', grouping: 'Allopathic & Osteopathic Physicians', display: 'Internal Medicine' },
  { code: '1223G0001X', grouping: 'Dental Providers', display: 'General Practice Dentistry' },
  { code: '101YM0800X', grouping: 'Behavioral Health & Social Service Providers', display: 'Mental Health Counselor' },
];

const CATALOG_URL = '/api/specialties/test';

/** The picker as the form uses it: inside a Field, its value held by the parent. */
function Picker({
  initial = '',
  onChange,
  catalogUrl = CATALOG_URL,
}: {
  initial?: string;
  onChange?: (code: string) => void;
  catalogUrl?: string;
}) {
  const [value, setValue] = useState(initial);
  return (
    <form aria-label="Request">
      <Field name="taxonomyCode" label="Specialty" hint="Type part of its name.">
        {(control) => (
          <SpecialtyPicker
            name="taxonomyCode"
            control={control}
            catalogUrl={catalogUrl}
            value={value}
            onChange={(code) => {
              setValue(code);
              onChange?.(code);
            }}
          />
        )}
      </Field>
    </form>
  );
}

// jsdom does not lay out, so it has no scrollIntoView; browsers do. The picker keeps the highlighted option in view with it.
const scrollIntoView = jest.fn();
/** The catalogs the server publishes, by address: what the combobox fetches after hydration. */
const catalogs = new Map<string, SpecialtyOption[]>([[CATALOG_URL, OPTIONS]]);
const fetchCatalog = jest.fn(async (url: string) => {
  const options = catalogs.get(url);
  return { ok: !!options, status: options ? 200 : 404, json: async () => toCatalog(options ?? []) };
});
beforeAll(() => {
  Element.prototype.scrollIntoView = scrollIntoView;
  globalThis.fetch = fetchCatalog as unknown as typeof fetch;
  // What lib/taxonomy/published.ts does on the server: the no-JS select's options come from here, never from a prop.
  const html = optionsHtml(OPTIONS);
  const labels = optionLabels(OPTIONS);
  provideNativeOptions((value) => withSelected(html, labels.get(value) ?? value));
});
afterAll(() => {
  delete (Element.prototype as Partial<Element>).scrollIntoView;
  provideNativeOptions(() => '');
});

/** The enhanced combobox, once its code has loaded after hydration (the native select is a combobox too). */
async function enhancedCombobox(): Promise<HTMLElement> {
  // The first test to load the combobox module pays for compiling it: on a busy machine that is over a second.
  return waitFor(
    () => {
      const element = screen.getByRole('combobox', { name: 'Specialty' });
      expect(element.tagName).toBe('INPUT');
      return element;
    },
    { timeout: 15_000 },
  );
}

const hiddenCode = () => document.querySelector<HTMLInputElement>('input[type="hidden"][name="taxonomyCode"]');

describe('SpecialtyPicker before hydration', () => {
  it('is a native select grouped by NUCC grouping, posting taxonomyCode', () => {
    const container = document.createElement('div');
    container.innerHTML = renderToString(<Picker initial="207R00000X" />);
    const select = within(container).getByRole('combobox', { name: 'Specialty' });
    expect(select.tagName).toBe('SELECT');
    expect(select).toHaveAttribute('name', 'taxonomyCode');
    expect(
      within(container)
        .getAllByRole('group')
        .map((group) => group.getAttribute('label')),
    ).toEqual(['Allopathic & Osteopathic Physicians', 'Dental Providers', 'Behavioral Health & Social Service Providers']);
    expect(within(container).getAllByRole('option')).toHaveLength(OPTIONS.length + 1);
    expect(within(container).getByRole('option', { name: 'Internal Medicine' })).toHaveAttribute('selected');
    expect(
      within(container)
        .getAllByRole('option')
        .filter((option) => option.hasAttribute('selected')),
    ).toHaveLength(1);
    expect(within(container).getByRole('option', { name: 'Choose a specialty' })).toHaveValue('');
  });

  it('hands the combobox the code of a specialty chosen in the native select before it arrived', async () => {
    const onChange = jest.fn();
    render(<Picker initial="Internal Medicine" onChange={onChange} />);
    await enhancedCombobox();
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('207R00000X'));
    expect(hiddenCode()).toHaveValue('207R00000X');
  });

  it('writes its options in compact HTML that a browser reads back whole', () => {
    const html = optionsHtml([
      ...OPTIONS,
      {
        code: '390200000X',
        grouping: 'Students, Health Care',
        display: 'Student in an Organized <Health> Care "Education" & Training Program',
      },
      // A name two codes share gets its code, so that each label names one code.
      { code: '173000000X', grouping: 'Other Service Providers', display: 'Legal Medicine' },
      { code: '209800000X', grouping: 'Allopathic & Osteopathic Physicians', display: 'Legal Medicine' },
    ]);
    // No codes: an option without a value posts its text (the server maps it back, lib/taxonomy postedSpecialtyCode).
    expect(html).toContain('<option>Family Medicine<option>Family Medicine, Adolescent Medicine<option>');
    expect(html).not.toContain('</option>');
    expect(html).not.toContain('207Q00000X');
    const select = document.createElement('select');
    select.innerHTML = html;
    expect([...select.options].map((option) => [option.value, option.text])).toEqual([
      ['', 'Choose a specialty'],
      ...OPTIONS.map((option) => [option.display, option.display]),
      [
        'Student in an Organized <Health> Care "Education" & Training Program',
        'Student in an Organized <Health> Care "Education" & Training Program',
      ],
      ['Legal Medicine (173000000X)', 'Legal Medicine (173000000X)'],
      ['Legal Medicine (209800000X)', 'Legal Medicine (209800000X)'],
    ]);
    expect(select.querySelectorAll('optgroup')).toHaveLength(6);
  });

  it('marks the whole label chosen, never one that only starts with it', () => {
    const html = optionsHtml(OPTIONS);
    expect(withSelected(html, 'Family Medicine')).toContain('<option selected>Family Medicine<option>Family Medicine, Adolescent');
    expect(withSelected(html, 'Mental Health Counselor')).toMatch(/<option selected>Mental Health Counselor$/);
    expect(withSelected(html, 'Family')).toBe(html);
    expect(withSelected(html, undefined)).toBe(html);
  });

  it('keeps the native select when the catalog cannot be fetched', async () => {
    render(<Picker catalogUrl="/api/specialties/gone" />);
    await waitFor(() => expect(fetchCatalog).toHaveBeenCalledWith('/api/specialties/gone'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByRole('combobox', { name: 'Specialty' }).tagName).toBe('SELECT');
  });
});

describe('SpecialtyPicker after hydration', () => {
  it('is a labelled combobox, collapsed, with the hidden input empty', async () => {
    render(<Picker />);
    const combobox = await enhancedCombobox();
    expect(combobox.tagName).toBe('INPUT');
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(combobox).toHaveAccessibleDescription('Type part of its name.');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(hiddenCode()).toHaveValue('');
  });

  it('typing "family" lists the Family Medicine options only', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const combobox = await enhancedCombobox();
    await user.type(combobox, 'family');
    expect(combobox).toHaveAttribute('aria-expanded', 'true');
    const listbox = screen.getByRole('listbox', { name: 'Specialties' });
    expect(combobox).toHaveAttribute('aria-controls', listbox.id);
    const options = within(listbox).getAllByRole('option');
    expect(options.map((option) => option.firstChild?.textContent)).toEqual([
      'Family Medicine',
      'Family Medicine, Adolescent Medicine',
      'Family Medicine, Geriatric Medicine',
    ]);
    expect(screen.getByText('3 specialties found')).toBeInTheDocument();
  });

  it('matches every word, in any order, against name, grouping and code', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const combobox = await enhancedCombobox();
    await user.type(combobox, 'geriatric family');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(1);
    await user.clear(combobox);
    await user.type(combobox, '1223g');
    expect(within(screen.getByRole('listbox')).getByRole('option')).toHaveTextContent('General Practice Dentistry');
  });

  it('ArrowDown then Enter chooses the highlighted option and posts its code', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(<Picker onChange={onChange} />);
    const combobox = await enhancedCombobox();
    await user.type(combobox, 'family');
    const first = within(screen.getByRole('listbox')).getAllByRole('option')[0];
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(combobox).toHaveAttribute('aria-activedescendant', first.id);

    await user.keyboard('{ArrowDown}');
    const highlighted = within(screen.getByRole('listbox')).getAllByRole('option')[1];
    expect(highlighted).toHaveAttribute('aria-selected', 'true');
    expect(scrollIntoView.mock.contexts.at(-1)).toBe(highlighted);
    expect(combobox).toHaveAttribute('aria-activedescendant', highlighted.id);

    await user.keyboard('{Enter}');
    expect(hiddenCode()).toHaveValue('207QA0000X');
    expect(onChange).toHaveBeenLastCalledWith('207QA0000X');
    expect(combobox).toHaveValue('Family Medicine, Adolescent Medicine');
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('Enter straight away chooses the first match', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    await user.type(await enhancedCombobox(), 'family{Enter}');
    expect(hiddenCode()).toHaveValue('207Q00000X');
  });

  it('ArrowDown stops at the last match and ArrowUp at the first', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    await user.type(await enhancedCombobox(), 'family');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('a click on an option chooses it', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    await user.type(await enhancedCombobox(), 'medicine');
    await user.click(screen.getByRole('option', { name: /Internal Medicine/ }));
    expect(hiddenCode()).toHaveValue('207R00000X');
  });

  it('typing again after a choice clears the chosen code', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const combobox = await enhancedCombobox();
    await user.type(combobox, 'family{Enter}');
    expect(hiddenCode()).toHaveValue('207Q00000X');
    await user.type(combobox, 'x');
    expect(hiddenCode()).toHaveValue('');
  });

  it('Escape closes the list without choosing', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const combobox = await enhancedCombobox();
    await user.type(combobox, 'family{Escape}');
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(hiddenCode()).toHaveValue('');
  });

  it('says so when nothing matches', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    await user.type(await enhancedCombobox(), 'zzz');
    expect(screen.getByRole('option', { name: 'No specialty matches “zzz”' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('combobox')).not.toHaveAttribute('aria-activedescendant');
    await user.keyboard('{Enter}');
    expect(hiddenCode()).toHaveValue('');
  });

  it('shows the chosen specialty’s name when it starts with a value', async () => {
    render(<Picker initial="207R00000X" />);
    expect(await enhancedCombobox()).toHaveValue('Internal Medicine');
    expect(hiddenCode()).toHaveValue('207R00000X');
  });
});

describe('SpecialtyPicker ranking', () => {
  it('lists names that start with what was typed before names that only contain it', async () => {
    const user = userEvent.setup();
    const ranked: SpecialtyOption[] = [
      { code: '103TF0000X', grouping: 'Behavioral Health & Social Service Providers', display: 'Psychologist, Family' },
      { code: '106H00000X', grouping: 'Behavioral Health & Social Service Providers', display: 'Marriage & Family Therapist' },
      ...OPTIONS,
    ];
    catalogs.set('/api/specialties/ranked', ranked);
    function RankedPicker() {
      const [value, setValue] = useState('');
      return (
        <Field name="taxonomyCode" label="Specialty">
          {(control) => (
            <SpecialtyPicker name="taxonomyCode" control={control} catalogUrl="/api/specialties/ranked" value={value} onChange={setValue} />
          )}
        </Field>
      );
    }
    render(<RankedPicker />);
    await user.type(await enhancedCombobox(), 'family');
    const names = within(screen.getByRole('listbox'))
      .getAllByRole('option')
      .map((option) => option.textContent?.split(' · ')[0]);
    expect(names).toEqual([
      'Family Medicine',
      'Family Medicine, Adolescent Medicine',
      'Family Medicine, Geriatric Medicine',
      'Psychologist, Family',
      'Marriage & Family Therapist',
    ]);
  });
});
