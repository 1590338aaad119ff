/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import RegistryPanel, { fromCapitals } from '@/components/registry/registry-panel';
import type { NpiSummary } from '@/lib/registry/summary';

const FOUND: NpiSummary = {
  status: 'found',
  npi: '1554321012',
  enumerationType: 'INDIVIDUAL',
  name: 'JANE Q SMITH',
  specialty: { code: '207Q00000X', desc: 'Family Medicine', isKnown: true },
  address: { street: '1200 SE DIVISION ST', line2: 'SUITE 4', city: 'PORTLAND', state: 'OR', zip: '972021234' },
};

function answer(summary: NpiSummary) {
  global.fetch = jest.fn(async () => ({ json: async () => summary }) as Response);
}

/** The panel over a plain map of field values, as the form's getValues and setValue give it. */
function renderPanel(values: Record<string, string>) {
  const filled: Record<string, string> = {};
  render(
    <RegistryPanel
      npi="1554321012"
      valueOf={(name) => values[name] ?? ''}
      fill={(name, value) => {
        filled[name] = value;
        values[name] = value;
      }}
    />,
  );
  return filled;
}

const originalFetch = global.fetch;
afterEach(() => {
  global.fetch = originalFetch;
});

test('the registry’s capitals are written as a person would, keeping abbreviations', () => {
  expect(fromCapitals('ROSE CITY FAMILY CLINIC LLC')).toBe('Rose City Family Clinic LLC');
  expect(fromCapitals('1200 SE DIVISION ST')).toBe('1200 SE Division St');
  expect(fromCapitals('MARY-KATE O BRIEN MD')).toBe('Mary-Kate O Brien MD');
});

test('it shows the name, primary specialty, city and state, asked through our server', async () => {
  answer(FOUND);
  renderPanel({});
  expect(await screen.findByText(/Jane Q Smith, Family Medicine, Portland, OR\./)).toBeInTheDocument();
  expect(global.fetch).toHaveBeenCalledWith('/api/npi/1554321012', expect.anything());
});

test('Use these details fills only the empty fields and never overwrites a typed one', async () => {
  answer(FOUND);
  const filled = renderPanel({ providerName: 'Dr. Jane Smith', physicalStreet: '', physicalCity: '', physicalZip: '', taxonomyCode: '' });
  await userEvent.click(await screen.findByRole('button', { name: 'Use these details' }));
  expect(filled).toEqual({
    taxonomyCode: '207Q00000X',
    physicalStreet: '1200 SE Division St',
    physicalLine2: 'Suite 4',
    physicalCity: 'Portland',
    physicalState: 'OR',
    physicalZip: '97202-1234',
  });
  expect(
    screen.getByText('Filled in from the registry: specialty, physical address. Check them before you send the form.'),
  ).toBeInTheDocument();
});

test('a partly typed address is kept whole, and a specialty outside our code set is not chosen', async () => {
  answer({ ...FOUND, specialty: { code: '999Z00000X', desc: 'Something New', isKnown: false } });
  const filled = renderPanel({ providerName: '', physicalCity: 'Salem' });
  await userEvent.click(await screen.findByRole('button', { name: 'Use these details' }));
  expect(filled).toEqual({ providerName: 'Jane Q Smith' });
});

test('not found and unavailable say so, with nothing to use', async () => {
  answer({ status: 'not-found', npi: '1554321012' });
  renderPanel({});
  expect(await screen.findByText(/The NPI registry has no provider with NPI 1554321012/)).toBeInTheDocument();
  expect(screen.queryByRole('button')).toBeNull();
});

test('a failed request says the registry could not be asked', async () => {
  global.fetch = jest.fn(async () => {
    throw new TypeError('Failed to fetch');
  });
  renderPanel({});
  expect(await screen.findByText(/could not look NPI 1554321012 up in the NPI registry just now/)).toBeInTheDocument();
});
