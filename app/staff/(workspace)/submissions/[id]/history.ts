import { STATUS_LABELS, type Status } from '@/lib/staff/queue-filter';

/** One line of a submission's history, from its audit event. */
export function historyLine(event: { action: string; actorEmail: string | null; details: unknown }): string {
  const who = event.actorEmail ?? 'the system';
  const details = (event.details ?? {}) as Record<string, string | null>;
  switch (event.action) {
    case 'status_change':
      return (
        `${who} moved it from ${STATUS_LABELS[details.from as Status] ?? details.from} to ${STATUS_LABELS[details.to as Status] ?? details.to}` +
        (details.messageId ? ', with a message to the applicant' : '')
      );
    case 'assignment':
      return details.to ? `${who} assigned it to ${details.to}` : `${who} unassigned it`;
    case 'note':
      return `${who} added a note`;
    case 'exclusion_decision':
      return `${who} decided a possible exclusion: ${details.decision === 'SAME_PROVIDER' ? 'Same provider' : 'Not the same provider'}. Reason: ${details.reason}`;
    case 'tin_reveal':
      return `${who} revealed the ${details.which ?? 'TIN'}. Reason: ${details.reason}`;
    default:
      return `${event.action.replace(/_/g, ' ')} by ${who}`;
  }
}
