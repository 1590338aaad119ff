import type { ContractRequest } from '@/lib/generated/prisma/client';
import { formatAddress, formatUsPhone, maskTin, type Address } from '@/lib/format';
import type { AnswerRow } from '../kind-server';

/**
 * A contract request's answers in words: the one list of labelled rows that the receipt, the forward and the staff
 * page all show, so they cannot disagree.
 */

export interface ContractRequestAnswers {
  providerName: string;
  /** The NUCC code, and its name where the code set knows it. */
  specialty: { code: string; display?: string };
  phone: string;
  fax?: string;
  email: string;
  physical: Address;
  mailing?: Address;
  npi: string;
  tinLast4: string;
  dmapId?: string;
  dmapPending: boolean;
  notes?: string;
}

export function contractRequestRows(answers: ContractRequestAnswers): AnswerRow[] {
  const { specialty } = answers;
  return [
    ['Provider or clinic name', answers.providerName],
    ['Specialty', specialty.display ? `${specialty.display} (${specialty.code})` : specialty.code],
    ['Phone', formatUsPhone(answers.phone)],
    ['Fax', answers.fax ? formatUsPhone(answers.fax) : 'Not given'],
    ['E-mail', answers.email],
    ['Physical address', formatAddress(answers.physical)],
    ['Mailing address', answers.mailing ? formatAddress(answers.mailing) : 'Same as physical address'],
    ['NPI', answers.npi],
    ['TIN', maskTin(answers.tinLast4)],
    ['DMAP ID', answers.dmapId ?? (answers.dmapPending ? 'Enrollment pending' : 'Not given')],
    ['Anything else', answers.notes ?? 'Nothing'],
  ];
}

export type ContractRequestRow = Omit<ContractRequest, 'submissionId'>;

/** The answers as stored: what the e-mails and the staff page show is what was stored. */
export function answersOfRow(row: ContractRequestRow, specialty: { code: string; display?: string }): ContractRequestAnswers {
  const orUndefined = (value: string | null) => value ?? undefined;
  return {
    providerName: row.providerName,
    specialty,
    phone: row.phone,
    fax: orUndefined(row.fax),
    email: row.email,
    physical: {
      street: row.physicalStreet,
      line2: orUndefined(row.physicalLine2),
      city: row.physicalCity,
      state: row.physicalState,
      zip: row.physicalZip,
    },
    // The mailing address is all or nothing (the schema's rule).
    mailing: row.mailingStreet
      ? {
          street: row.mailingStreet,
          line2: orUndefined(row.mailingLine2),
          city: row.mailingCity!,
          state: row.mailingState!,
          zip: row.mailingZip!,
        }
      : undefined,
    npi: row.npi,
    tinLast4: row.tinLast4,
    dmapId: orUndefined(row.dmapId),
    dmapPending: row.dmapPending,
    notes: orUndefined(row.notes),
  };
}
