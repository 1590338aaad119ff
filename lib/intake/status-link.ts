import type { Block } from '@/lib/mail/compose';

/** Every receipt ends with the way back to the request: the public status page, its reference filled in. */
export function statusLink(appUrl: string, reference: string): Block[] {
  return [
    { kind: 'heading', text: 'Where it stands' },
    { kind: 'paragraph', text: 'You can check its status at any time with your reference and this e-mail address.' },
    { kind: 'link', label: 'Check its status', href: `${appUrl}/status?reference=${encodeURIComponent(reference)}` },
  ];
}
