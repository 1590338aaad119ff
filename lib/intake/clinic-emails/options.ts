/** The clinic alert e-mail form's limits, without zod: the form imports this at render time. */
export const MAX_PEOPLE = 20;
