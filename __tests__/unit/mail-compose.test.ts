import { composeHtml, composeText, escapeHtml, type Block } from '@/lib/mail/compose';

const NASTY = `<b>"Tom" & 'Jerry'</b>`;
const ESCAPED = '&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(NASTY)).toBe(ESCAPED);
  });

  it('escapes & first, so existing entities are shown, not interpreted', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves other text alone', () => {
    expect(escapeHtml('Rose City – Clinic 🩺')).toBe('Rose City – Clinic 🩺');
  });
});

describe('composeHtml', () => {
  it.each<[string, Block]>([
    ['paragraph', { kind: 'paragraph', text: NASTY }],
    ['heading', { kind: 'heading', text: NASTY }],
    ['fields label', { kind: 'fields', rows: [[NASTY, 'value']] }],
    ['fields value', { kind: 'fields', rows: [['Label', NASTY]] }],
    ['link label', { kind: 'link', label: NASTY, href: 'https://intake.example/x' }],
  ])('escapes user text in a %s', (_kind, block) => {
    const html = composeHtml('Title', [block]);
    expect(html).toContain(ESCAPED);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain(`"Tom"`);
  });

  it('escapes a link href, so it cannot break out of the attribute', () => {
    const html = composeHtml('Title', [{ kind: 'link', label: 'Open', href: 'https://x.example/?a=1&b="><script>alert(1)</script>' }]);
    expect(html).toContain('<a href="https://x.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">Open</a>');
    expect(html).not.toContain('<script>');
  });

  it('escapes the title in <title> and <h1>', () => {
    const html = composeHtml(NASTY, []);
    expect(html).toContain(`<title>${ESCAPED}</title>`);
    expect(html).toContain(`>${ESCAPED}</h1>`);
  });

  it('builds each kind of block as its element', () => {
    const html = composeHtml('Subject', [
      { kind: 'paragraph', text: 'Hello' },
      { kind: 'heading', text: 'Next' },
      {
        kind: 'fields',
        rows: [
          ['NPI', '1234567893'],
          ['Fax', undefined],
        ],
      },
      { kind: 'link', label: 'Open it', href: 'https://intake.example/staff' },
    ]);
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain('<p>Hello</p>');
    expect(html).toMatch(/<h2[^>]*>Next<\/h2>/);
    expect(html).toMatch(/<th scope="row"[^>]*>NPI<\/th><td[^>]*>1234567893<\/td>/);
    expect(html).toMatch(/<th scope="row"[^>]*>Fax<\/th><td[^>]*>—<\/td>/);
    expect(html).toContain('<p><a href="https://intake.example/staff">Open it</a></p>');
  });
});

describe('composeText', () => {
  it('writes each block as plain text, separated by blank lines, ending with a newline', () => {
    const text = composeText([
      { kind: 'paragraph', text: 'Hello' },
      { kind: 'heading', text: 'Next steps' },
      {
        kind: 'fields',
        rows: [
          ['NPI', '1234567893'],
          ['Fax', undefined],
        ],
      },
      { kind: 'link', label: 'Open it', href: 'https://intake.example/staff' },
    ]);
    expect(text).toBe('Hello\n\nNext steps\n----------\n\nNPI: 1234567893\nFax: —\n\nOpen it: https://intake.example/staff\n');
  });

  it('does not HTML-escape the plain-text part', () => {
    expect(composeText([{ kind: 'paragraph', text: NASTY }])).toBe(`${NASTY}\n`);
  });
});
