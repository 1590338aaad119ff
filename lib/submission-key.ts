import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { peerHeaderTrusted } from '@/lib/client-address';
import { SUBMISSION_KEY_HEADER } from '@/lib/request-preparation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The one-time key a form page gives its form, so that a repeated post finds the first submission. scripts/server.mjs
 * draws it for each request (lib/request-preparation.ts), so that it knows where the key is in a page it answers
 * from a template (decision 019); started some other way, or for a page it does not template, a fresh one here.
 */
export async function newSubmissionKey(): Promise<string> {
  const drawn = peerHeaderTrusted() ? (await headers()).get(SUBMISSION_KEY_HEADER) : null;
  return drawn && UUID.test(drawn) ? drawn : randomUUID();
}
