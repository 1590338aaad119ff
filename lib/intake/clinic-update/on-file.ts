import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { formatUsPhone, maskTin, pacificDay, storedAddress, yesNo } from '@/lib/format';
import type { OnFile, OnFileField, OnFileValue } from './answers';

/**
 * What the plan already has for a clinic's NPI: the newest value of each field across its earlier contract
 * requests and clinic updates. A clinic update's forward shows these as "before".
 */

export interface ClinicOnFile {
  values: OnFile;
  /** The keyed hash of the TIN on file, to flag an update whose TIN differs (compared without decrypting). */
  tinHash?: string;
}

/** How far back to look: the newest sources hold the current values. */
const SOURCES = 25;

export async function findClinicOnFile(tx: Prisma.TransactionClient, npi: string): Promise<ClinicOnFile> {
  const sources = await tx.submission.findMany({
    where: { npi, kind: { in: ['CONTRACT_REQUEST', 'CLINIC_UPDATE'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: SOURCES,
    select: { reference: true, createdAt: true, contractRequest: true, clinicUpdate: true },
  });
  const values: OnFile = {};
  let tinHash: string | undefined;
  for (const source of sources) {
    const from = `${source.reference} of ${pacificDay(source.createdAt)}`;
    const offer = (field: OnFileField, value: string | null | undefined) => {
      if (value && !values[field]) values[field] = { value, source: from } satisfies OnFileValue;
    };
    const request = source.contractRequest;
    if (request) {
      offer('name', request.providerName);
      offer('address', storedAddress(request, 'physical'));
      offer('phone', formatUsPhone(request.phone));
      offer('fax', request.fax && formatUsPhone(request.fax));
      if (!values.tin) tinHash = request.tinHash;
      offer('tin', maskTin(request.tinLast4));
    }
    const update = source.clinicUpdate;
    if (update) {
      // Only what an update changed counts as on file: the name and TIN it was sent under are the sender's word,
      // and one mistyped TIN would otherwise flag every later update.
      offer('name', update.newClinicName);
      offer('address', storedAddress(update, 'new'));
      offer('phone', update.newPhone && formatUsPhone(update.newPhone));
      offer('fax', update.newFax && formatUsPhone(update.newFax));
      offer('hours', update.newHours);
      offer('acceptingNewPatients', update.acceptingNewPatients === null ? undefined : yesNo(update.acceptingNewPatients));
      if (!values.tin && update.newTinHash) tinHash = update.newTinHash;
      offer('tin', update.newTinLast4 && maskTin(update.newTinLast4));
    }
  }
  return { values, tinHash };
}
