import { hasRole, isStaffRole, ROLE_DESCRIPTIONS, STAFF_ROLES, type StaffRole } from '@/lib/auth/roles';

const ROLES: StaffRole[] = ['viewer', 'reviewer', 'admin'];
/** Values a staff_user.role or a session could carry that are not a role. */
const NOT_ROLES: unknown[] = [
  undefined,
  null,
  '',
  'Admin',
  'ADMIN',
  ' admin',
  'admin ',
  'superuser',
  'staff',
  'owner',
  0,
  2,
  true,
  {},
  ['admin'],
  { role: 'admin' },
];

test('the roles are viewer, reviewer and admin, weakest first', () => {
  expect(STAFF_ROLES).toEqual(ROLES);
  expect(Object.keys(ROLE_DESCRIPTIONS).sort()).toEqual([...ROLES].sort());
});

describe('isStaffRole', () => {
  it.each(ROLES)('%p is a role', (role) => {
    expect(isStaffRole(role)).toBe(true);
  });

  it.each(NOT_ROLES.map((value) => [value]))('%p is not', (value) => {
    expect(isStaffRole(value)).toBe(false);
  });
});

describe('hasRole: viewer < reviewer < admin', () => {
  const cases: Array<[StaffRole, StaffRole, boolean]> = [
    ['viewer', 'viewer', true],
    ['viewer', 'reviewer', false],
    ['viewer', 'admin', false],
    ['reviewer', 'viewer', true],
    ['reviewer', 'reviewer', true],
    ['reviewer', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'reviewer', true],
    ['admin', 'admin', true],
  ];

  it.each(cases)('%s has what %s needs: %p', (role, needed, expected) => {
    expect(hasRole(role, needed)).toBe(expected);
  });

  it.each(NOT_ROLES.map((value) => [value]))('%p allows nothing', (value) => {
    for (const needed of ROLES) expect(hasRole(value, needed)).toBe(false);
  });

  test('a role named like a property of arrays or objects allows nothing', () => {
    for (const value of ['length', 'constructor', 'toString', '__proto__', '-1', '1']) {
      for (const needed of ROLES) expect(hasRole(value, needed)).toBe(false);
    }
  });
});
