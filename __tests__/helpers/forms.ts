/** Posting forms to Server Actions as a browser does. Valid answers for each kind of request are in ../fixtures/. */

export function toFormData(values: Record<string, string>): FormData {
  const formData = new FormData();
  for (const [name, value] of Object.entries(values)) formData.append(name, value);
  return formData;
}

/** The path a Server Action redirected to, or undefined if it returned normally. */
export async function redirectOf(run: () => Promise<unknown>): Promise<{ location?: string; result?: unknown }> {
  try {
    return { result: await run() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { location: digest.split(';')[2] };
    throw error;
  }
}
