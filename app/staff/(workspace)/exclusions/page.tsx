import { NoAccess } from '@/components/no-access';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { staffForPage } from '@/lib/auth/session';
import { EXCLUSION_UPLOAD_PATH, UPLOAD_PROBLEMS, type UploadProblem } from '@/lib/exclusions/upload';
import { pacificTime } from '@/lib/format';
import { getExclusionListStatus, getExclusionLoad } from '@/lib/staff/exclusions';
import { one } from '@/lib/staff/queue-filter';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const count = (value: number) => value.toLocaleString('en-US');

/**
 * The OIG exclusion list (LEIE) in use, and the upload of next month's file (admins). The form is a plain multipart
 * post to a route handler (lib/exclusions/upload.ts says why), so it works without JavaScript; the handler comes back
 * here with what happened.
 */
export default async function ExclusionsPage({ searchParams }: { searchParams: SearchParams }) {
  if (!(await staffForPage('admin'))) return <NoAccess />;
  const params = await searchParams;
  const loadId = one(params.load);
  const problemCode = one(params.problem);
  const [{ current, recent }, attempt] = await Promise.all([getExclusionListStatus(), loadId ? getExclusionLoad(loadId) : null]);
  const problem =
    problemCode && Object.hasOwn(UPLOAD_PROBLEMS, problemCode)
      ? UPLOAD_PROBLEMS[problemCode as UploadProblem]
      : attempt?.outcome === 'REFUSED'
        ? `${attempt.fileName} was refused, and the list in use is unchanged. ${attempt.problem}`
        : undefined;
  const screened = Number(one(params.screened));
  const flagged = Number(one(params.flagged));

  return (
    <>
      <title>{`${problem ? 'Error: ' : ''}Exclusion list – Provider Intake staff`}</title>
      <h1>Exclusion list</h1>
      <ErrorSummary errors={problem ? [['file', problem]] : []} />
      {attempt?.outcome === 'LOADED' && (
        <div className="panel panel--notice" role="status">
          <p>
            Loaded {attempt.fileName}: {count(attempt.rowCount)} entries.
          </p>
          {one(params.screening) === 'failed' ? (
            <p>Screening the open submissions failed: run `npm run exclusions -- screen`, or load the file again.</p>
          ) : (
            Number.isInteger(screened) &&
            Number.isInteger(flagged) && (
              <p>
                {count(screened)} open submissions screened again: {count(flagged)} flagged Possible exclusion.
              </p>
            )
          )}
        </div>
      )}
      <p>
        Every submission is checked against the OIG&rsquo;s List of Excluded Individuals/Entities (LEIE) when it arrives, and every open one
        again after each load. Load the new <code>UPDATED.csv</code> each month, when the OIG publishes it.
      </p>

      <h2>The list in use</h2>
      {current ? (
        <dl className="details">
          <dt>File</dt>
          <dd>{current.fileName}</dd>
          <dt>Entries</dt>
          <dd>{count(current.rowCount)}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code className="reference">{current.sha256}</code>
          </dd>
          <dt>Loaded</dt>
          <dd>{pacificTime(current.loadedAt)}</dd>
          <dt>Loaded by</dt>
          <dd>{current.loadedBy}</dd>
        </dl>
      ) : (
        <p>No list has been loaded yet: submissions are not being screened.</p>
      )}

      <h2>Load a new list</h2>
      <form method="post" action={EXCLUSION_UPLOAD_PATH} encType="multipart/form-data">
        <Field
          name="file"
          label="LEIE file (UPDATED.csv)"
          hint="From oig.hhs.gov, Exclusions, LEIE Downloadable Databases. It replaces the list in use; a file with any malformed row is refused whole."
          error={problem}
        >
          {(control) => <input {...control} name="file" type="file" accept=".csv,text/csv" />}
        </Field>
        <button type="submit" className="button">
          Load this file
        </button>
      </form>

      <h2>Recent loads</h2>
      {recent.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Recent loads of the exclusion list, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">File</th>
              <th scope="col">Outcome</th>
              <th scope="col">Entries</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((load) => (
              <tr key={load.id}>
                <td>{pacificTime(load.loadedAt)}</td>
                <td>{load.fileName}</td>
                <td>{load.outcome === 'LOADED' ? 'Loaded' : `Refused: ${load.problem}`}</td>
                <td>{load.outcome === 'LOADED' ? count(load.rowCount) : '—'}</td>
                <td>{load.loadedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
