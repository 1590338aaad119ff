import { storedAddress } from '@/lib/address-format';
import { pacificTime } from '@/lib/mail/compose';
import type { SubmissionDetail } from '@/lib/staff/submissions';
import { findSpecialty } from '@/lib/taxonomy';
import { CHANGE_LABELS } from '@/lib/validation/clinic-update-options';
import { formatCalendarDate } from '@/lib/validation/dates';
import { formatUsPhone } from '@/lib/validation/phone';
import { maskTin } from '@/lib/validation/tin';
import { CHANGE_COLUMNS } from '@/lib/db/clinic-updates';

/** Every field of a submission as stored, by kind. TINs are masked here; revealing one is its own, audited step. */

type Row = [label: string, value: string | null | undefined];

const phone = (value: string | null | undefined) => (value ? formatUsPhone(value) : undefined);
const KIND_OF_COLUMN = Object.fromEntries(Object.entries(CHANGE_COLUMNS).map(([kind, column]) => [column, kind])) as Record<string, keyof typeof CHANGE_LABELS>;

function rowsOf(submission: SubmissionDetail): Row[] {
  const request = submission.contractRequest;
  if (request) {
    const specialty = findSpecialty(request.taxonomyCode);
    return [
      ['Provider or clinic name', request.providerName],
      ['Specialty', specialty ? `${specialty.display} (${request.taxonomyCode})` : request.taxonomyCode],
      ['Phone', phone(request.phone)],
      ['Fax', phone(request.fax) ?? 'Not given'],
      ['E-mail', request.email],
      ['Physical address', storedAddress(request, 'physical')],
      ['Mailing address', storedAddress(request, 'mailing') ?? 'Same as physical address'],
      ['NPI', request.npi],
      ['TIN', maskTin(request.tinLast4)],
      ['DMAP ID', request.dmapId ?? (request.dmapPending ? 'Enrollment pending' : 'Not given')],
      ['Anything else', request.notes ?? 'Nothing'],
    ];
  }
  const registration = submission.clinicEmailRegistration;
  if (registration) {
    return [
      ['Clinic name', registration.clinicName],
      ['Clinic NPI', registration.clinicNpi],
      ['Clinic phone', phone(registration.clinicPhone)],
      ['Registered by', `${registration.registrantName}\n${registration.registrantEmail}`],
      ...registration.contacts.map(
        (contact, index): Row => [
          `Person ${index + 1}`,
          `${contact.fullName}, ${contact.jobTitle}\n${contact.email}\n${contact.verifiedAt ? `Verified ${pacificTime(contact.verifiedAt)}` : contact.tokenExpiresAt < new Date() ? 'Not verified: the link expired' : 'Waiting for confirmation'}`,
        ],
      ),
      ['Forwarded', registration.forwardedAt ? pacificTime(registration.forwardedAt) : 'Not yet: waiting for confirmations'],
    ];
  }
  const update = submission.clinicUpdate;
  if (update) {
    const providers = (direction: 'JOINING' | 'LEAVING', label: string) =>
      update.providers.filter((provider) => provider.direction === direction).map((provider, index): Row => [`${label} ${index + 1}`, `${provider.name} (NPI ${provider.npi})`]);
    const rows: Row[] = [
      ['Clinic name', update.clinicName],
      ['Clinic NPI', update.clinicNpi],
      ['TIN', maskTin(update.tinLast4)],
      ['Sent by', `${update.senderName}, ${update.senderJobTitle}\n${update.senderEmail}\n${formatUsPhone(update.senderPhone)}`],
      ['What is changing', update.changes.map((column) => CHANGE_LABELS[KIND_OF_COLUMN[column]]).join(', ')],
      ['Effective date', formatCalendarDate(update.effectiveDate.toISOString().slice(0, 10))],
    ];
    if (update.newStreet) rows.push(['New address', storedAddress(update, 'new')]);
    if (update.newPhone) rows.push(['New phone', phone(update.newPhone)]);
    if (update.newFax) rows.push(['New fax', phone(update.newFax)]);
    if (update.newClinicName) rows.push(['New clinic name', update.newClinicName]);
    if (update.newHours) rows.push(['New hours', update.newHours]);
    if (update.acceptingNewPatients !== null) rows.push(['Accepting new patients', update.acceptingNewPatients ? 'Yes' : 'No']);
    rows.push(...providers('JOINING', 'Provider joining'), ...providers('LEAVING', 'Provider leaving'));
    if (update.newTinLast4) rows.push(['New TIN', maskTin(update.newTinLast4)]);
    if (update.description) rows.push(['Something else', update.description]);
    rows.push(['Anything else', update.notes ?? 'Nothing']);
    return rows;
  }
  return [];
}

export function SubmissionDetails({ submission }: { submission: SubmissionDetail }) {
  return (
    <dl className="details">
      {rowsOf(submission).map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
