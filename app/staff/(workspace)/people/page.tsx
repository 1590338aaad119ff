import { NoAccess } from '@/components/no-access';
import { staffForPage } from '@/lib/auth/session';
import { pacificTime } from '@/lib/format';
import { listAccounts } from '@/lib/staff/accounts';
import { AddPerson, PersonActions } from './forms';

/** Staff accounts (admins): everyone, their role, last sign-in and whether they are disabled; add, change, disable. */
export default async function PeoplePage() {
  if (!(await staffForPage('admin'))) return <NoAccess />;
  const people = await listAccounts();
  return (
    <>
      <title>People – Provider Intake staff</title>
      <h1>People</h1>
      <p>
        Everyone who can sign in to the staff workspace. Disabling someone signs them out at once. The last active admin can be neither
        disabled nor given another role. Every change is in the audit log.
      </p>
      <table className="table">
        <caption className="visually-hidden">Staff accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Account</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <td>{person.name}</td>
              <td>{person.email}</td>
              <td>{person.role}</td>
              <td>{person.lastSignIn ? pacificTime(person.lastSignIn) : 'Never'}</td>
              <td>{person.disabled ? 'Disabled' : 'Active'}</td>
              <td>
                <PersonActions email={person.email} name={person.name} role={person.role} disabled={person.disabled} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add person</h2>
      <AddPerson />
    </>
  );
}
