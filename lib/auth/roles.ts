/** Staff roles, each allowed everything the one before it is (the database allows exactly these). */
export const STAFF_ROLES = ['viewer', 'reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  viewer: 'reads submissions, with TINs masked',
  reviewer: 'also changes status, writes notes, assigns, and reveals a TIN',
  admin: 'also manages staff and reads the audit log',
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Does `role` allow what `needed` allows? Anything unknown allows nothing. */
export function hasRole(role: unknown, needed: StaffRole): boolean {
  return isStaffRole(role) && STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}
