import { formatAddress, storedAddress } from '@/lib/format';
import { contractRequestForward, contractRequestReceipt, type ContractRequestMailData } from '@/lib/intake/contract-request/e-mails';

const FULL_TIN = '987656789';

const data = (overrides: Partial<ContractRequestMailData> = {}): ContractRequestMailData => ({
  id: '6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a',
  reference: 'NCR-7K3M9QXZ',
  receivedAt: new Date('2025-03-04T18:30:00Z'),
  providerName: 'Rose City Family Clinic',
  specialty: { code: '207Q00000X', display: 'Family Medicine' },
  phone: '+15035550123',
  fax: '+15035550199',
  email: 'office@rosecity.example',
  physical: { street: '123 SW Main St', line2: 'Suite 400', city: 'Portland', state: 'OR', zip: '97201-1234' },
  npi: '1234567893',
  tinLast4: FULL_TIN.slice(-4),
  dmapPending: true,
  ...overrides,
});

const options = { inbox: 'contracts@plan.example', appUrl: 'https://intake.example.org' };

describe('contractRequestForward', () => {
  const draft = contractRequestForward(data(), options);

  it('goes to the inbox passed in, replying to the applicant', () => {
    expect(draft.template).toBe('contract-request-forward');
    expect(draft.to).toBe('contracts@plan.example');
    expect(draft.replyTo).toBe('office@rosecity.example');
  });

  it('has the reference and provider in the subject', () => {
    expect(draft.subject).toBe('New contract request NCR-7K3M9QXZ – Rose City Family Clinic');
  });

  it.each(['text', 'html'] as const)('the %s part shows the TIN masked, never in full', (part) => {
    expect(draft[part]).toContain('•••••6789');
    expect(draft[part]).not.toContain(FULL_TIN);
    expect(draft[part]).not.toContain('98-7656789');
    expect(draft[part]).not.toContain('98765');
  });

  it.each(['text', 'html'] as const)('the %s part names the specialty and its code', (part) => {
    expect(draft[part]).toContain('Family Medicine (207Q00000X)');
  });

  it.each(['text', 'html'] as const)('the %s part links to the submission in the staff area', (part) => {
    expect(draft[part]).toContain('https://intake.example.org/staff/submissions/6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a');
  });

  it('the link is a real link in the HTML part', () => {
    expect(draft.html).toContain('<a href="https://intake.example.org/staff/submissions/6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a">');
  });

  it.each(['text', 'html'] as const)('the %s part shows phone and fax formatted', (part) => {
    expect(draft[part]).toContain('(503) 555-0123');
    expect(draft[part]).toContain('(503) 555-0199');
    expect(draft[part]).not.toContain('+15035550123');
  });

  it('shows the received time in Pacific time', () => {
    expect(draft.text).toMatch(/on March 4, 2025 at 10:30\sAM Pacific\./);
  });

  it('lists every answer in the text part', () => {
    expect(draft.text).toContain('Reference: NCR-7K3M9QXZ');
    expect(draft.text).toContain('NPI: 1234567893');
    expect(draft.text).toContain('Physical address: 123 SW Main St\nSuite 400\nPortland, OR 97201-1234');
    expect(draft.text).toContain('Mailing address: Same as physical address');
    expect(draft.text).toContain('DMAP ID: Enrollment pending');
    expect(draft.text).toContain('Anything else: Nothing');
  });

  it('escapes a provider name carrying markup in the HTML part', () => {
    const hostile = contractRequestForward(data({ providerName: '<img src=x onerror=alert(1)>' }), options);
    expect(hostile.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile.html).not.toContain('<img');
    expect(hostile.subject).toBe('New contract request NCR-7K3M9QXZ – <img src=x onerror=alert(1)>');
  });

  it('escapes notes in the HTML part and keeps them as typed in the text part', () => {
    const notes = '<script>alert(1)</script> & "more"';
    const draftWithNotes = contractRequestForward(data({ notes }), options);
    expect(draftWithNotes.html).not.toContain('<script>');
    expect(draftWithNotes.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(draftWithNotes.text).toContain(`Anything else: ${notes}`);
  });

  it('shows a DMAP ID when given, and "Not given" when neither ID nor pending', () => {
    expect(contractRequestForward(data({ dmapId: 'AB1234' }), options).text).toContain('DMAP ID: AB1234');
    expect(contractRequestForward(data({ dmapPending: false }), options).text).toContain('DMAP ID: Not given');
  });

  it('shows the mailing address when there is one, and "Not given" for a missing fax', () => {
    const text = contractRequestForward(
      data({ fax: undefined, mailing: { street: 'PO Box 12', city: 'Portland', state: 'OR', zip: '97207' } }),
      options,
    ).text;
    expect(text).toContain('Mailing address: PO Box 12\nPortland, OR 97207');
    expect(text).toContain('Fax: Not given');
  });
});

describe('contractRequestReceipt', () => {
  const draft = contractRequestReceipt(data(), { appUrl: 'https://intake.test' });

  it('goes to the applicant, quoting the reference', () => {
    expect(draft.template).toBe('contract-request-receipt');
    expect(draft.to).toBe('office@rosecity.example');
    expect(draft.subject).toBe('We received your contract request NCR-7K3M9QXZ');
    expect(draft.text).toContain('Your reference is NCR-7K3M9QXZ.');
  });

  it.each(['text', 'html'] as const)('the %s part masks the TIN and never shows it in full', (part) => {
    expect(draft[part]).toContain('•••••6789');
    expect(draft[part]).not.toContain(FULL_TIN);
  });

  it.each(['text', 'html'] as const)('the %s part has the specialty and the formatted phone', (part) => {
    expect(draft[part]).toContain('Family Medicine (207Q00000X)');
    expect(draft[part]).toContain('(503) 555-0123');
  });

  it('does not link to the staff area', () => {
    expect(draft.text).not.toContain('/staff/');
    expect(draft.html).not.toContain('/staff/');
  });

  it('escapes a provider name carrying markup in the HTML part', () => {
    const html = contractRequestReceipt(data({ providerName: '<img src=x onerror=alert(1)>' }), { appUrl: 'https://intake.test' }).html;
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

describe('contractRequestReceipt: the way back to the request', () => {
  const appUrl = 'https://intake.example.org';
  const draft = contractRequestReceipt(data(), { appUrl });
  const LINK = 'https://intake.example.org/status?reference=NCR-7K3M9QXZ';

  it('the text part has the status page link with the reference filled in, under "Where it stands"', () => {
    expect(draft.text).toContain(
      `Where it stands\n---------------\n\nYou can check its status at any time with your reference and this e-mail address.\n\nCheck its status: ${LINK}\n`,
    );
  });

  it('the html part has it as a real link', () => {
    expect(draft.html).toContain(`<h2 style="font-size:18px;margin:24px 0 8px">Where it stands</h2>`);
    expect(draft.html).toContain(`<p><a href="${LINK}">Check its status</a></p>`);
  });

  it('uses the application address it is given', () => {
    const other = contractRequestReceipt(data(), { appUrl: 'https://other.example' });
    expect(other.text).toContain('Check its status: https://other.example/status?reference=NCR-7K3M9QXZ');
    expect(other.html).toContain('href="https://other.example/status?reference=NCR-7K3M9QXZ"');
  });

  it('a reference carrying markup is URL-encoded in the link and never becomes HTML', () => {
    const hostile = contractRequestReceipt(data({ reference: 'NCR-"><script>alert(1)</script>&x=\'y' }), { appUrl });
    const encoded = encodeURIComponent('NCR-"><script>alert(1)</script>&x=\'y');
    expect(encoded).not.toMatch(/[<>"&]/);
    expect(hostile.text).toContain(`Check its status: ${appUrl}/status?reference=${encoded}`);
    expect(hostile.html).toContain(`<a href="${appUrl}/status?reference=${encoded.replace(/'/g, '&#39;')}">Check its status</a>`);
    expect(hostile.html).not.toContain('<script>');
    // One link, and no attribute was broken out of: every quote and angle bracket of the reference is encoded.
    expect(hostile.html.match(/<a /g)).toHaveLength(1);
  });
});

describe('formatAddress', () => {
  it('writes street, optional line 2, and city, state ZIP on separate lines', () => {
    expect(formatAddress({ street: '1 A St', line2: 'Suite 2', city: 'Bend', state: 'OR', zip: '97701' })).toBe(
      '1 A St\nSuite 2\nBend, OR 97701',
    );
    expect(formatAddress({ street: '1 A St', city: 'Bend', state: 'OR', zip: '97701' })).toBe('1 A St\nBend, OR 97701');
  });
});

describe('storedAddress', () => {
  it('reads the prefixed columns of a stored row', () => {
    const row = { mailingStreet: 'PO Box 9', mailingLine2: null, mailingCity: 'Salem', mailingState: 'OR', mailingZip: '97301' };
    expect(storedAddress(row, 'mailing')).toBe('PO Box 9\nSalem, OR 97301');
    expect(storedAddress({ newStreet: '2 B Ave', newLine2: 'Floor 3', newCity: 'Eugene', newState: 'OR', newZip: '97401' }, 'new')).toBe(
      '2 B Ave\nFloor 3\nEugene, OR 97401',
    );
  });
  it('is undefined for a row without that address', () => {
    expect(
      storedAddress({ mailingStreet: null, mailingLine2: null, mailingCity: null, mailingState: null, mailingZip: null }, 'mailing'),
    ).toBeUndefined();
  });
});
