import type { MessageDraft } from './outbox';

/**
 * Plain-text and HTML bodies built from the same blocks, so the two parts never say different things.
 * Everything a user typed passes through escapeHtml in the HTML part.
 */

export type Block =
  | { kind: 'paragraph'; text: string }
  /** Someone's own words, their line breaks kept. */
  | { kind: 'quote'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; rows: Array<[label: string, value: string | undefined]> }
  | { kind: 'link'; label: string; href: string }
  /** What changes: the value on file beside the new one where there is one, the new value alone otherwise. */
  | { kind: 'comparison'; rows: Comparison[] };

export interface Comparison {
  label: string;
  /** The value on file, and where it comes from (`NCR-… of November 3, 2026`). */
  before?: { value: string; source: string };
  after: string;
}

/** Continuation lines of a multi-line value, indented under its label in the text part. */
const indent = (value: string, by: string) => value.split('\n').join(`\n${by}`);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

export function composeText(blocks: Block[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
        case 'quote':
          return block.text;
        case 'heading':
          return `${block.text}\n${'-'.repeat(block.text.length)}`;
        case 'fields':
          return block.rows.map(([label, value]) => `${label}: ${value ?? '—'}`).join('\n');
        case 'link':
          return `${block.label}: ${block.href}`;
        case 'comparison':
          return block.rows
            .map(({ label, before, after }) =>
              before
                ? `${label}\n  Before (${before.source}):\n    ${indent(before.value, '    ')}\n  After:\n    ${indent(after, '    ')}`
                : `${label}\n  New value:\n    ${indent(after, '    ')}`,
            )
            .join('\n\n');
      }
    })
    .join('\n\n')
    .concat('\n');
}

export function composeHtml(title: string, blocks: Block[]): string {
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return `<p>${escapeHtml(block.text)}</p>`;
        case 'quote':
          return `<p style="white-space:pre-wrap;border-left:3px solid #ccc;padding-left:12px">${escapeHtml(block.text)}</p>`;
        case 'heading':
          return `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(block.text)}</h2>`;
        case 'fields':
          return `<table role="presentation" cellpadding="6" style="border-collapse:collapse">${block.rows
            .map(
              ([label, value]) =>
                `<tr><th scope="row" style="text-align:left;vertical-align:top;padding-right:16px">${escapeHtml(label)}</th>` +
                `<td style="white-space:pre-wrap">${escapeHtml(value ?? '—')}</td></tr>`,
            )
            .join('')}</table>`;
        case 'link':
          return `<p><a href="${escapeHtml(block.href)}">${escapeHtml(block.label)}</a></p>`;
        case 'comparison':
          return `<table role="presentation" cellpadding="6" style="border-collapse:collapse">${block.rows
            .map(({ label, before, after }) => {
              const cell = (headingHtml: string, value: string, colspan = '') =>
                `<td${colspan} style="vertical-align:top;white-space:pre-wrap;border-top:1px solid #ccc">` +
                `${headingHtml}\n${escapeHtml(value)}</td>`;
              return (
                `<tr><th scope="row" style="text-align:left;vertical-align:top;padding-right:16px;border-top:1px solid #ccc">${escapeHtml(label)}</th>` +
                (before
                  ? cell(`<strong>Before</strong> <small>(${escapeHtml(before.source)})</small>`, before.value) +
                    cell('<strong>After</strong>', after)
                  : cell('<strong>New value</strong>', after, ' colspan="2"')) +
                '</tr>'
              );
            })
            .join('')}</table>`;
      }
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b">\n<h1 style="font-size:22px">${escapeHtml(title)}</h1>\n${body}\n</body></html>`;
}

/** A message whose text and HTML parts are built from the same blocks. */
export function composeMessage(options: {
  template: string;
  to: string;
  replyTo?: string;
  subject: string;
  blocks: Block[];
  /** It carries a sign-in or verification link: see MessageDraft.isSecret. */
  isSecret?: boolean;
  /** It goes to an address typed into a public form: see MessageDraft.toTypedAddress. */
  toTypedAddress?: boolean;
}): MessageDraft {
  const { blocks, ...headers } = options;
  return { ...headers, text: composeText(blocks), html: composeHtml(options.subject, blocks) };
}
