import { pacificTime } from '@/lib/format';
import type { RegistryCheckView } from '@/lib/registry/staff-view';

/** The `Registry check` block: each NPI of the submission as the NPI registry (NPPES) holds it, beside what was typed. */

const KIND_OF_NPI = { INDIVIDUAL: 'an individual (NPI-1)', ORGANIZATION: 'an organisation (NPI-2)' };

function statusLine(check: RegistryCheckView): string {
  if (check.status === 'FOUND') return `Found: ${check.enumerationType ? KIND_OF_NPI[check.enumerationType] : 'in the registry'}.`;
  if (check.status === 'NOT_FOUND') return 'Not found: the registry has no provider with this NPI.';
  if (check.status === 'DEACTIVATED')
    return `Deactivated${check.deactivationDate ? ` on ${check.deactivationDate}` : ''}: ${check.enumerationType ? KIND_OF_NPI[check.enumerationType] : 'this NPI'} is no longer active.`;
  const tries = check.attempts === 0 ? 'Not checked yet.' : `Not checked: the registry could not be asked (${check.attempts} attempts).`;
  return `${tries}${check.nextAttemptAt ? ` Next try ${pacificTime(check.nextAttemptAt)}.` : ''}`;
}

export function RegistryCheck({ isOn, checks }: { isOn: boolean; checks: RegistryCheckView[] }) {
  return (
    <section aria-labelledby="registry-heading">
      <h2 id="registry-heading">Registry check</h2>
      {checks.length === 0 && (
        <p>{isOn ? 'No NPI of this submission has been checked in the NPI registry yet.' : 'The NPI registry check is off.'}</p>
      )}
      {checks.map((check) => {
        const differences = check.rows.filter((row) => !row.isMatch).length;
        return (
          <div key={check.id} className="registry-check">
            <h3>
              {check.label}: {check.npi}
            </h3>
            <p>
              <strong>{statusLine(check)}</strong>
              {check.rows.length > 0 &&
                ` ${differences === 0 ? 'Everything compared matches.' : `${differences} ${differences === 1 ? 'difference' : 'differences'}.`}`}
              {check.status === 'NOT_CHECKED' && check.lastError && ` Last error: ${check.lastError}.`}
            </p>
            {check.rows.length > 0 && (
              <table className="table">
                <caption className="visually-hidden">
                  {check.label} {check.npi}: the form beside the registry
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Detail</th>
                    <th scope="col">On the form</th>
                    <th scope="col">In the registry</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {check.rows.map((row) => (
                    <tr key={row.aspect}>
                      <th scope="row">{row.aspect}</th>
                      <td>{row.typed}</td>
                      <td>{row.held}</td>
                      <td>{row.isMatch ? 'Match' : <strong>Difference</strong>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {(check.status === 'FOUND' || check.status === 'DEACTIVATED') && (
              <p>
                {check.city && `Practice location: ${check.city}. `}
                {check.specialties.length > 0 &&
                  `Specialties in the registry: ${check.specialties
                    .map(
                      (specialty) =>
                        `${specialty.desc} (${specialty.code}${specialty.primary ? ', primary' : ''}${specialty.state ? `, ${specialty.state}` : ''}${specialty.license ? ` licence ${specialty.license}` : ''})`,
                    )
                    .join('; ')}.`}
                {check.checkedAt && ` Checked ${pacificTime(check.checkedAt)}.`}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
