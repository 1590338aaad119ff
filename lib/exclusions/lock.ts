/**
 * PostgreSQL advisory lock key of the exclusion list: a load and a screening of every open submission take it alone;
 * a new submission's screening takes it shared and, when a load holds it, leaves that submission for the screening
 * that follows the load rather than wait (a submission is never held up by the list).
 */
export const EXCLUSION_LOCK_KEY = 0x4c454945; // "LEIE"
