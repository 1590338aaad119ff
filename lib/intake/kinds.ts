import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import type { KindServer } from './kind-server';

/**
 * The one list of the kinds of request. Every other list of kinds (reference patterns, inbox settings, rate limits,
 * queue filters and labels, status wording, the staff page, the home page) derives from this one, and
 * `satisfies Record<SubmissionKind, …>` makes a kind left out a compile error. Adding a kind: README.md, "Adding a
 * kind of request".
 *
 * Plain data, safe to import from any server module, lib/env.ts included: each kind's server side (recording,
 * e-mails, the staff page's answers) is loaded on first use, so nothing here imports the database or the mail.
 * Browser code never imports it: a form that needs a value from here gets it from its page.
 */

export interface KindEntry {
  /** Starts every reference of this kind: NCR-7K3M9Q2X. Three capital letters. */
  prefix: string;
  /** The request in the applicant's words (the status page). */
  applicantName: string;
  /** The kind in the staff workspace (queue filter, queue rows, submission page). */
  staffLabel: string;
  /** Where its requests are forwarded: the setting that overrides the address, and the address by default. */
  inbox: { setting: `INBOX_${string}`; address: string };
  /** Its own count in the public forms' rate limit (SUBMISSIONS_PER_HOUR per client address). */
  rateLimit: string;
  /** Its public form, and the home page's card for it; `noun` is what the form sends, in its own messages. */
  form: { path: string; title: string; summary: string; noun: string };
  /** Its server side (lib/intake/kind-server.ts). */
  server: () => Promise<KindServer>;
}

export const KINDS = {
  CONTRACT_REQUEST: {
    prefix: 'NCR',
    applicantName: 'Contract request',
    staffLabel: 'Contract request',
    inbox: { setting: 'INBOX_NEW_CONTRACT', address: 'newcontractrequest@careoregon.org' },
    rateLimit: 'contract-request',
    form: {
      path: '/contract-request',
      title: 'Request a contract',
      summary: 'For providers and clinics that want to join the CareOregon provider network.',
      noun: 'request',
    },
    server: () => import('./contract-request/server').then((module) => module.contractRequestServer),
  },
  CLINIC_EMAILS: {
    prefix: 'CAE',
    applicantName: 'Clinic alert e-mail registration',
    staffLabel: 'Clinic alert e-mails',
    inbox: { setting: 'INBOX_CLINIC_ALERTS', address: 'careoregonalerts@careoregon.org' },
    rateLimit: 'clinic-emails',
    form: {
      path: '/clinic-emails',
      title: 'Register clinic alert e-mails',
      summary: 'Tell us who at your clinic should receive CareOregon system alerts: eligibility, claims and network notices.',
      noun: 'registration',
    },
    server: () => import('./clinic-emails/server').then((module) => module.clinicEmailsServer),
  },
  CLINIC_UPDATE: {
    prefix: 'CIU',
    applicantName: 'Clinic information change',
    staffLabel: 'Clinic update',
    inbox: { setting: 'INBOX_PROVIDER_UPDATES', address: 'ProviderUpdates@CareOregon.org' },
    rateLimit: 'clinic-update',
    form: {
      path: '/clinic-updates',
      title: 'Tell us about a clinic change',
      summary: 'A new address, phone or fax, name, hours, a provider joining or leaving, a new TIN: keep the provider directory right.',
      noun: 'update',
    },
    server: () => import('./clinic-update/server').then((module) => module.clinicUpdateServer),
  },
} as const satisfies Record<SubmissionKind, KindEntry>;

/** Every kind, in the registry's order (the home page's, the queue filter's). */
export const SUBMISSION_KINDS = Object.keys(KINDS) as SubmissionKind[];

export type InboxSetting = (typeof KINDS)[SubmissionKind]['inbox']['setting'];
export type KindRateLimit = (typeof KINDS)[SubmissionKind]['rateLimit'];

/** One value of every kind's entry, by kind: the prefixes, the names for applicants, the staff labels. */
export function byKind<Value>(pick: (entry: KindEntry) => Value): Record<SubmissionKind, Value> {
  return Object.fromEntries(SUBMISSION_KINDS.map((kind) => [kind, pick(KINDS[kind])])) as Record<SubmissionKind, Value>;
}

/** Each kind's reference prefix, for the reference patterns (lib/reference.ts). */
export const REFERENCE_PREFIXES = byKind((entry) => entry.prefix);

/** A kind's server side (lib/intake/kind-server.ts), loaded on first use. */
export function kindServer(kind: SubmissionKind): Promise<KindServer> {
  return KINDS[kind].server();
}

export function isSubmissionKind(value: string): value is SubmissionKind {
  return Object.hasOwn(KINDS, value);
}

/** Every kind's housekeeping (KindServer.sweep), for the outbox worker to run now and then. */
export async function sweepAllKinds(prisma: PrismaClient, now = new Date()): Promise<number> {
  let done = 0;
  for (const kind of SUBMISSION_KINDS) {
    done += (await (await kindServer(kind)).sweep?.(prisma, now)) ?? 0;
  }
  return done;
}
