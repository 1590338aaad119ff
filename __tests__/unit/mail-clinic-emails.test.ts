import {
  contactVerification,
  registrationForward,
  registrationReceipt,
  type RegistrationMailData,
} from '@/lib/intake/clinic-emails/e-mails';

const ID = '6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a';

const data = (overrides: Partial<RegistrationMailData> = {}): RegistrationMailData => ({
  id: ID,
  reference: 'CAE-7K3M9QXZ',
  clinicName: 'Rose City Family Clinic',
  clinicNpi: '1234567893',
  clinicPhone: '+15035550123',
  registrantName: 'Dana Registrant',
  registrantEmail: 'dana@rosecity.example',
  contacts: [
    { fullName: 'Ana Lopez', jobTitle: 'Biller', email: 'ana@rosecity.example', verifiedAt: new Date('2025-03-04T18:30:00Z') },
    { fullName: 'Bea Chen', jobTitle: 'Office manager', email: 'bea@rosecity.example', verifiedAt: null },
    { fullName: 'Carl Diaz', jobTitle: 'Nurse', email: 'carl@rosecity.example', verifiedAt: new Date('2025-07-01T03:05:00Z') },
  ],
  ...overrides,
});

const options = { inbox: 'alerts@plan.example', appUrl: 'https://intake.example.org', onFile: null };
const HOSTILE = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('contactVerification', () => {
  const verification = (overrides: Partial<Parameters<typeof contactVerification>[0]> = {}) =>
    contactVerification({
      clinicName: 'Rose City Family Clinic',
      registrantName: 'Dana Registrant',
      fullName: 'Ana Lopez',
      email: 'ana@rosecity.example',
      link: 'https://intake.example.org/clinic-emails/verify/abc_DEF-123',
      expiresAt: new Date('2025-03-04T18:30:00Z'),
      ...overrides,
    });
  const draft = verification();

  it('goes to the person, with the clinic in the subject', () => {
    expect(draft.template).toBe('clinic-emails-verification');
    expect(draft.to).toBe('ana@rosecity.example');
    expect(draft.replyTo).toBeUndefined();
    expect(draft.subject).toBe('Confirm your e-mail address for CareOregon alerts – Rose City Family Clinic');
  });

  it.each(['text', 'html'] as const)('the %s part greets the person and names the clinic and the registrant', (part) => {
    expect(draft[part]).toContain('Hello Ana Lopez,');
    expect(draft[part]).toContain('Dana Registrant asked CareOregon to send system alerts for Rose City Family Clinic');
  });

  it.each(['text', 'html'] as const)('the %s part has the link', (part) => {
    expect(draft[part]).toContain('https://intake.example.org/clinic-emails/verify/abc_DEF-123');
  });

  it('the link is a real link in the HTML part', () => {
    expect(draft.html).toContain('<a href="https://intake.example.org/clinic-emails/verify/abc_DEF-123">Confirm this address</a>');
    expect(draft.text).toContain('Confirm this address: https://intake.example.org/clinic-emails/verify/abc_DEF-123');
  });

  it.each(['text', 'html'] as const)('the %s part gives the expiry in Pacific time', (part) => {
    // 18:30 UTC on March 4, 2025 is 10:30 AM PST.
    expect(draft[part]).toMatch(/The link works once, until March 4, 2025 at 10:30\sAM Pacific\./);
  });

  it('gives a summer expiry in daylight time', () => {
    // 03:05 UTC on July 1, 2025 is 8:05 PM PDT on June 30.
    expect(verification({ expiresAt: new Date('2025-07-01T03:05:00Z') }).text).toMatch(/until June 30, 2025 at 8:05\sPM Pacific\./);
  });

  it('escapes what was typed in the HTML part, keeping it as typed in the text part', () => {
    const hostile = verification({ fullName: HOSTILE, clinicName: `Clinic ${HOSTILE}`, registrantName: `"Dana" & ${HOSTILE}` });
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).toContain(`Hello ${ESCAPED},`);
    expect(hostile.html).toContain(`Clinic ${ESCAPED}`);
    expect(hostile.html).toContain(`&quot;Dana&quot; &amp; ${ESCAPED}`);
    expect(hostile.text).toContain(`Hello ${HOSTILE},`);
  });

  it('escapes a link carrying quotes in the href', () => {
    const html = verification({ link: 'https://intake.example.org/v?a=1&b="><script>' }).html;
    expect(html).toContain('href="https://intake.example.org/v?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });
});

describe('registrationForward', () => {
  const draft = registrationForward(data(), options);

  it('goes to the inbox, replying to the registrant', () => {
    expect(draft.template).toBe('clinic-emails-forward');
    expect(draft.to).toBe('alerts@plan.example');
    expect(draft.replyTo).toBe('dana@rosecity.example');
  });

  it('has the reference and clinic in the subject', () => {
    expect(draft.subject).toBe('Alert e-mail registration CAE-7K3M9QXZ – Rose City Family Clinic');
  });

  it.each(['text', 'html'] as const)('the %s part has the clinic details, the phone formatted', (part) => {
    expect(draft[part]).toContain('CAE-7K3M9QXZ');
    expect(draft[part]).toContain('Rose City Family Clinic');
    expect(draft[part]).toContain('1234567893');
    expect(draft[part]).toContain('(503) 555-0123');
    expect(draft[part]).not.toContain('+15035550123');
  });

  it('lists the clinic and registrant in the text part', () => {
    expect(draft.text).toContain('Reference: CAE-7K3M9QXZ');
    expect(draft.text).toContain('Clinic name: Rose City Family Clinic');
    expect(draft.text).toContain('Clinic NPI: 1234567893');
    expect(draft.text).toContain('Clinic phone: (503) 555-0123');
    expect(draft.text).toContain('Registered by: Dana Registrant <dana@rosecity.example>');
  });

  it('lists each person in order, with when they verified or NOT VERIFIED', () => {
    expect(draft.text).toMatch(/Person 1: Ana Lopez, Biller\nana@rosecity\.example\nVerified March 4, 2025 at 10:30\sAM Pacific/);
    expect(draft.text).toContain('Person 2: Bea Chen, Office manager\nbea@rosecity.example\nNOT VERIFIED');
    expect(draft.text).toMatch(/Person 3: Carl Diaz, Nurse\ncarl@rosecity\.example\nVerified June 30, 2025 at 8:05\sPM Pacific/);
    expect(draft.text.indexOf('Person 1:')).toBeLessThan(draft.text.indexOf('Person 2:'));
    expect(draft.text.indexOf('Person 2:')).toBeLessThan(draft.text.indexOf('Person 3:'));
    expect(draft.text.match(/NOT VERIFIED/g)).toHaveLength(1);
    expect(draft.text.match(/\nVerified /g)).toHaveLength(2);
  });

  it('lists each person in the HTML part too', () => {
    for (const contact of data().contacts) {
      expect(draft.html).toContain(`${contact.fullName}, ${contact.jobTitle}`);
      expect(draft.html).toContain(contact.email);
    }
    expect(draft.html).toMatch(/Verified March 4, 2025 at 10:30\sAM Pacific/);
    expect(draft.html).toContain('NOT VERIFIED');
  });

  it.each(['text', 'html'] as const)('the %s part says how many addresses were not verified', (part) => {
    expect(draft[part]).toContain('1 of 3 addresses was NOT verified before its link expired: do not add it.');
  });

  it('counts every unverified address', () => {
    const none = data({ contacts: data().contacts.map((contact) => ({ ...contact, verifiedAt: null })) });
    const text = registrationForward(none, options).text;
    expect(text).toContain('3 of 3 addresses were NOT verified');
    expect(text.match(/NOT VERIFIED:/g)).toHaveLength(3);
  });

  it('says every address was verified when all were', () => {
    const all = data({ contacts: data().contacts.map((contact) => ({ ...contact, verifiedAt: new Date('2025-03-04T18:30:00Z') })) });
    const forward = registrationForward(all, options);
    expect(forward.text).toContain('Every address below was verified by its owner.');
    expect(forward.text).not.toContain('NOT VERIFIED');
    expect(forward.text).not.toMatch(/\d+ of \d+ addresses/);
  });

  it.each(['text', 'html'] as const)('the %s part links to the submission in the staff area', (part) => {
    expect(draft[part]).toContain(`https://intake.example.org/staff/submissions/${ID}`);
  });

  it('the staff link is a real link in the HTML part', () => {
    expect(draft.html).toContain(`<a href="https://intake.example.org/staff/submissions/${ID}">`);
  });

  it('escapes everything typed in the HTML part', () => {
    const hostile = registrationForward(
      data({
        clinicName: `Clinic ${HOSTILE}`,
        registrantName: `Dana ${HOSTILE}`,
        contacts: [{ fullName: HOSTILE, jobTitle: `<b>Boss</b> & "co"`, email: 'ana@rosecity.example', verifiedAt: null }],
      }),
      options,
    );
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).not.toContain('<b>');
    expect(hostile.html).toContain(`Clinic ${ESCAPED}`);
    expect(hostile.html).toContain(`Dana ${ESCAPED} &lt;dana@rosecity.example&gt;`);
    expect(hostile.html).toContain(`${ESCAPED}, &lt;b&gt;Boss&lt;/b&gt; &amp; &quot;co&quot;`);
    // The subject is a header, not HTML: it keeps the name as typed (the schema refuses line breaks in it).
    expect(hostile.subject).toBe(`Alert e-mail registration CAE-7K3M9QXZ – Clinic ${HOSTILE}`);
    expect(hostile.text).toContain(`Person 1: ${HOSTILE}, <b>Boss</b> & "co"`);
  });
});

describe('registrationReceipt', () => {
  const draft = registrationReceipt(data(), { appUrl: 'https://intake.test' });

  it('goes to the registrant, quoting the reference', () => {
    expect(draft.template).toBe('clinic-emails-receipt');
    expect(draft.to).toBe('dana@rosecity.example');
    expect(draft.replyTo).toBeUndefined();
    expect(draft.subject).toBe('Your alert e-mail registration CAE-7K3M9QXZ was sent to CareOregon');
    expect(draft.text).toContain('Your reference is CAE-7K3M9QXZ.');
    expect(draft.text).toContain('We sent your registration for Rose City Family Clinic');
  });

  it('lists the people and whether each was verified', () => {
    expect(draft.text).toMatch(/Person 1: Ana Lopez, Biller\nana@rosecity\.example\nVerified March 4, 2025 at 10:30\sAM Pacific/);
    expect(draft.text).toContain('Person 2: Bea Chen, Office manager\nbea@rosecity.example\nNOT VERIFIED');
    expect(draft.text).toContain('Person 3: Carl Diaz, Nurse');
  });

  it('does not link to the staff area', () => {
    expect(draft.text).not.toContain('/staff/');
    expect(draft.html).not.toContain('/staff/');
    expect(draft.html).not.toContain(ID);
  });

  it('escapes everything typed in the HTML part', () => {
    const html = registrationReceipt(
      data({
        clinicName: HOSTILE,
        registrantName: HOSTILE,
        contacts: [{ fullName: HOSTILE, jobTitle: HOSTILE, email: 'ana@rosecity.example', verifiedAt: null }],
      }),
      { appUrl: 'https://intake.test' },
    ).html;
    expect(html).not.toContain('<script>');
    expect(html).toContain(`We sent your registration for ${ESCAPED} to CareOregon&#39;s alerts team.`);
    expect(html).toContain(`${ESCAPED}, ${ESCAPED}`);
  });
});

describe('registrationReceipt: the way back to the registration', () => {
  const appUrl = 'https://intake.example.org';
  const LINK = 'https://intake.example.org/status?reference=CAE-7K3M9QXZ';

  it.each(['text', 'html'] as const)('the %s part has the status page link with the reference filled in', (part) => {
    const draft = registrationReceipt(data(), { appUrl });
    expect(draft[part]).toContain(LINK);
    expect(draft[part]).toContain('You can check its status at any time with your reference and this e-mail address.');
  });

  it('it reads "Check its status" in both parts, a real link in the html part, before what was sent', () => {
    const draft = registrationReceipt(data(), { appUrl });
    expect(draft.text).toContain(`Check its status: ${LINK}\n`);
    expect(draft.html).toContain(`<p><a href="${LINK}">Check its status</a></p>`);
    expect(draft.text.indexOf('Where it stands')).toBeLessThan(draft.text.indexOf('What you sent'));
    // One heading each: the status link did not bring a second "What you sent".
    expect(draft.text.match(/^What you sent$/gm)).toHaveLength(1);
  });

  it('the forward to the alerts inbox does not carry the public status link', () => {
    expect(registrationForward(data(), options).text).not.toContain('/status?reference=');
  });

  it('a reference carrying markup is URL-encoded in the link and never becomes HTML', () => {
    const reference = `CAE-${HOSTILE}"&'`;
    const draft = registrationReceipt(data({ reference }), { appUrl });
    const encoded = encodeURIComponent(reference);
    expect(draft.text).toContain(`Check its status: ${appUrl}/status?reference=${encoded}`);
    expect(draft.html).toContain(`<a href="${appUrl}/status?reference=${encoded.replace(/'/g, '&#39;')}">Check its status</a>`);
    expect(draft.html).not.toContain('<script>');
    expect(draft.html.match(/<a /g)).toHaveLength(1);
  });
});

describe('registrationForward: what verification proves, and the list on file', () => {
  it('says what verification proves, and that there is no earlier list', () => {
    const { text } = registrationForward(data(), options);
    expect(text).toContain('Verification proves that each person controls the mailbox at their address: not that they work at the clinic.');
    expect(text).toContain(`This is the first alert list we have for NPI ${data().clinicNpi}.`);
  });

  it('compares this list’s verified addresses with the list on file: added, removed, unchanged, whatever the case', () => {
    const onFile = {
      reference: 'CAE-0000AAAA',
      receivedAt: new Date('2026-03-02T20:00:00Z'),
      emails: ['ANA@rosecity.example', 'old@rosecity.example'],
    };
    const { text, html } = registrationForward(data(), { ...options, onFile });
    expect(text).toContain('Compared with the list on file (CAE-0000AAAA of March 2, 2026)');
    // In data(): Ana and Carl verified; Bea did not, so she is not added.
    expect(text).toContain('Added: carl@rosecity.example\n');
    expect(text).toContain('Removed: old@rosecity.example\n');
    expect(text).toContain('Unchanged: ana@rosecity.example\n');
    expect(html).toContain('<th scope="row" style="text-align:left;vertical-align:top;padding-right:16px">Removed</th>');
  });
});
