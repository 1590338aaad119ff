import { formatCalendarDate, pacificTime } from '@/lib/format';
import { DECISION_LABELS } from '@/lib/exclusions/decisions';
import type { ExclusionMatchView, MatchedEntry } from '@/lib/staff/exclusions';
import { ExclusionDecisionForm } from './exclusion-decision';

/** The LEIE entry's name as the list writes it: LASTNAME, FIRSTNAME MIDNAME, or BUSNAME. */
export function entryName(entry: MatchedEntry): string {
  const person = entry.lastName
    ? `${entry.lastName}, ${[entry.firstName, entry.midName].filter(Boolean).join(' ')}`.replace(/, $/, '')
    : '';
  return [person, entry.busName].filter(Boolean).join(' / ');
}

const dateOrNone = (value: string | null) => (value ? formatCalendarDate(value) : 'None');

/**
 * The submission page's `Possible exclusion` block (issue 15): each entry of the OIG's exclusion list that may be this
 * submission's provider, its exclusion type and date, why it matched, and the reviewers' decision.
 */
export function ExclusionBlock(props: { id: string; matches: ExclusionMatchView[]; canDecide: boolean }) {
  const open = props.matches.filter((match) => !match.cleared);
  return (
    <section aria-labelledby="exclusion-heading">
      <h2 id="exclusion-heading">Exclusion list</h2>
      {props.matches.length === 0 ? (
        <p>No entry of the OIG exclusion list (LEIE) matches this submission&rsquo;s NPIs or names.</p>
      ) : (
        <p className={open.length > 0 ? 'panel panel--warning' : 'panel panel--notice'}>
          {open.length > 0 ? (
            <>
              <strong>Possible exclusion</strong>: {open.length === 1 ? 'an entry' : `${open.length} entries`} of the OIG exclusion list
              (LEIE) may be this provider. Check before contracting.
            </>
          ) : (
            <>Every entry of the exclusion list that matched was found not to be this provider.</>
          )}
        </p>
      )}
      {props.matches.map((match, index) => {
        const name = entryName(match.entry);
        const { entry } = match;
        return (
          <article key={match.entryKey} className="exclusion-entry" aria-labelledby={`exclusion-${index}`}>
            <h3 id={`exclusion-${index}`}>{name}</h3>
            <dl className="details">
              <dt>Why it matched</dt>
              <dd>
                <ul>
                  {match.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </dd>
              <dt>Exclusion type</dt>
              <dd>{entry.exclType}</dd>
              <dt>Excluded on</dt>
              <dd>{dateOrNone(entry.exclDate)}</dd>
              <dt>Reinstated on</dt>
              <dd>{dateOrNone(entry.reinDate)}</dd>
              {entry.waiverDate && (
                <>
                  <dt>Waiver</dt>
                  <dd>
                    {formatCalendarDate(entry.waiverDate)}
                    {entry.waiverState && ` (${entry.waiverState})`}
                  </dd>
                </>
              )}
              <dt>NPI</dt>
              <dd>{entry.npi ?? 'None on the list'}</dd>
              <dt>Date of birth</dt>
              <dd>{dateOrNone(entry.dob)}</dd>
              <dt>General / specialty</dt>
              <dd>{[entry.general, entry.specialty].filter(Boolean).join(' / ') || '—'}</dd>
              <dt>Address</dt>
              <dd>{[entry.address, entry.city, [entry.state, entry.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</dd>
              <dt>Decision</dt>
              <dd>
                {match.decision ? (
                  <>
                    <strong>{DECISION_LABELS[match.decision.decision]}</strong>: {match.decision.decidedByEmail},{' '}
                    {pacificTime(match.decision.decidedAt)}. Reason: {match.decision.reason}
                  </>
                ) : (
                  'Not decided yet'
                )}
              </dd>
            </dl>
            {props.canDecide && (
              <ExclusionDecisionForm
                id={props.id}
                entryKey={match.entryKey}
                index={index}
                entryName={name}
                current={match.decision?.decision}
              />
            )}
          </article>
        );
      })}
    </section>
  );
}
