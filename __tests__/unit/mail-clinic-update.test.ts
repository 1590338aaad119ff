import { composeHtml, composeText } from '@/lib/mail/compose';
import { clinicUpdateForward, clinicUpdateReceipt, type ClinicUpdateMailData, type OnFile } from '@/lib/intake/clinic-update/e-mails';

const data = (overrides: Partial<ClinicUpdateMailData> = {}): ClinicUpdateMailData => ({
  id: '6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a',
  reference: 'CIU-7K3M9QXZ',
  receivedAt: new Date('2026-11-25T18:30:00Z'),
  clinicName: 'Rose City Clinic',
  clinicNpi: '1234567893',
  tinLast4: '4321',
  senderName: 'Ann Lee',
  senderJobTitle: 'Office manager',
  senderEmail: 'ann@rosecity.example',
  senderPhone: '+15035550100',
  changes: ['address', 'phoneFax', 'hours', 'providerLeaving'],
  effectiveDate: '2026-12-01',
  address: { street: '2 New St', city: 'Portland', state: 'OR', zip: '97209' },
  phone: '+15035550199',
  hours: 'Mon–Fri 8–5',
  leaving: [{ name: 'Dr Jo Smith', npi: '1245319599' }],
  ...overrides,
});

const onFile: OnFile = {
  address: { value: '1 Old St\nPortland, OR 97201', source: 'NCR-AAAABBBB of November 3, 2026' },
  phone: { value: '(503) 555-0100', source: 'NCR-AAAABBBB of November 3, 2026' },
};
const context = { inbox: 'updates@plan.example', appUrl: 'https://intake.example.org', onFile };

describe('clinicUpdateForward', () => {
  const draft = clinicUpdateForward(data(), context);

  it('goes to the updates inbox, replying to the sender, with the clinic and effective date in the subject', () => {
    expect(draft.to).toBe('updates@plan.example');
    expect(draft.replyTo).toBe('ann@rosecity.example');
    expect(draft.subject).toBe('Clinic update CIU-7K3M9QXZ – Rose City Clinic – effective December 1, 2026');
  });

  it('shows before and after where a value is on file, and the new value otherwise', () => {
    expect(draft.text).toContain(
      'Address\n  Before (NCR-AAAABBBB of November 3, 2026):\n    1 Old St\n    Portland, OR 97201\n  After:\n    2 New St\n    Portland, OR 97209',
    );
    expect(draft.text).toContain('Phone\n  Before (NCR-AAAABBBB of November 3, 2026):\n    (503) 555-0100\n  After:\n    (503) 555-0199');
    expect(draft.text).toContain('Hours\n  New value:\n    Mon–Fri 8–5');
    expect(draft.html).toContain('<strong>Before</strong> <small>(NCR-AAAABBBB of November 3, 2026)</small>');
    expect(draft.html).toContain(
      '<td colspan="2" style="vertical-align:top;white-space:pre-wrap;border-top:1px solid #ccc"><strong>New value</strong>\nMon–Fri 8–5</td>',
    );
  });

  it('lists the providers leaving with their NPIs, the changes chosen and the staff link', () => {
    expect(draft.text).toContain('Provider leaving 1: Dr Jo Smith (NPI 1245319599)');
    expect(draft.text).toContain('What is changing: Address, Phone or fax, Hours, A provider is leaving');
    expect(draft.text).toContain('Effective date: December 1, 2026');
    expect(draft.text).toContain('https://intake.example.org/staff/submissions/6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a');
  });

  it('shows TINs masked only', () => {
    const withTin = clinicUpdateForward(data({ changes: ['tin'], newTinLast4: '9876' }), {
      ...context,
      onFile: { tin: { value: '•••••4321', source: 'CIU-CCCCDDDD of October 1, 2026' } },
    });
    expect(withTin.text).toContain('TIN\n  Before (CIU-CCCCDDDD of October 1, 2026):\n    •••••4321\n  After:\n    •••••9876');
  });

  it('flags a clinic TIN that differs from the one on file', () => {
    const flagged = clinicUpdateForward(data(), {
      ...context,
      tinDiffersFromFile: { value: '•••••1111', source: 'NCR-AAAABBBB of November 3, 2026' },
    });
    expect(flagged.text).toContain(
      "Check: the clinic's TIN given on this update (•••••4321) is not the TIN on file (•••••1111, from NCR-AAAABBBB of November 3, 2026).",
    );
    expect(draft.text).not.toContain('Check:');
  });

  it('escapes what the sender typed in the HTML part', () => {
    const hostile = clinicUpdateForward(data({ clinicName: '<img src=x onerror=alert(1)> & Co', hours: '<b>9–5</b>' }), context);
    expect(hostile.html).not.toContain('<img');
    expect(hostile.html).not.toContain('<b>9');
    expect(hostile.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
  });
});

describe('clinicUpdateReceipt', () => {
  const receipt = clinicUpdateReceipt(data(), { appUrl: 'https://intake.test' });

  it('goes to the sender with the reference', () => {
    expect(receipt.to).toBe('ann@rosecity.example');
    expect(receipt.subject).toBe('We received your clinic update CIU-7K3M9QXZ');
  });

  it('shows only what was sent, never the values on file', () => {
    expect(receipt.text).toContain('Address\n  New value:\n    2 New St');
    expect(receipt.text).not.toContain('1 Old St');
    expect(receipt.text).not.toContain('Before');
    expect(receipt.text).not.toContain('/staff/');
  });
});

describe('clinicUpdateReceipt: the way back to the request', () => {
  const appUrl = 'https://intake.example.org';
  const LINK = 'https://intake.example.org/status?reference=CIU-7K3M9QXZ';

  it.each(['text', 'html'] as const)('the %s part has the status page link with the reference filled in', (part) => {
    const receipt = clinicUpdateReceipt(data(), { appUrl });
    expect(receipt[part]).toContain(LINK);
    expect(receipt[part]).toContain('You can check its status at any time with your reference and this e-mail address.');
  });

  it('it reads "Check its status" in both parts, a real link in the html part', () => {
    const receipt = clinicUpdateReceipt(data(), { appUrl });
    expect(receipt.text).toContain(`Where it stands\n---------------\n`);
    expect(receipt.text).toContain(`Check its status: ${LINK}\n`);
    expect(receipt.html).toContain(`<p><a href="${LINK}">Check its status</a></p>`);
  });

  it('the forward to the updates inbox links to the staff page, not the public status page', () => {
    const forward = clinicUpdateForward(data(), context);
    expect(forward.text).not.toContain('/status?reference=');
  });

  it('a reference carrying markup is URL-encoded in the link and never becomes HTML', () => {
    const reference = 'CIU-"><img src=x onerror=alert(1)>&a=\'b';
    const receipt = clinicUpdateReceipt(data({ reference }), { appUrl });
    const encoded = encodeURIComponent(reference);
    expect(receipt.text).toContain(`Check its status: ${appUrl}/status?reference=${encoded}`);
    expect(receipt.html).toContain(`<a href="${appUrl}/status?reference=${encoded.replace(/'/g, '&#39;')}">Check its status</a>`);
    expect(receipt.html).not.toContain('<img');
    expect(receipt.html.match(/<a /g)).toHaveLength(1);
  });
});

describe('the comparison block', () => {
  const blocks = [{ kind: 'comparison' as const, rows: [{ label: 'Fax', before: { value: '<old>', source: 'NCR-1' }, after: 'a\nb' }] }];

  it('indents multi-line values in the text part', () => {
    expect(composeText(blocks)).toBe('Fax\n  Before (NCR-1):\n    <old>\n  After:\n    a\n    b\n');
  });

  it('escapes values and sources in the HTML part', () => {
    const html = composeHtml('Subject', [
      { kind: 'comparison', rows: [{ label: '<L>', before: { value: '<old>', source: '<src>' }, after: '<new>' }] },
    ]);
    expect(html).toContain('&lt;L&gt;');
    expect(html).toContain('&lt;old&gt;');
    expect(html).toContain('(&lt;src&gt;)');
    expect(html).toContain('&lt;new&gt;');
    expect(html).not.toMatch(/<(L|old|src|new)>/);
  });
});
