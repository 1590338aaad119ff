/**
 * What a staff member reads where their role does not reach: the words once, for the pages (components/no-access.tsx)
 * and for the route handlers that answer with a plain HTML page (the export, the exclusion list's upload).
 */
export const NO_ACCESS = {
  title: 'Not allowed – Provider Intake',
  heading: 'You do not have access to this page',
  back: { href: '/staff/submissions', text: 'Back to submissions' },
} as const;

/** A route handler's 403: the page's words, and what the route needs (its text is ours, never typed by anyone). */
export function noAccessResponse(needs: string): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${NO_ACCESS.title}</title></head>` +
      `<body><main><h1>${NO_ACCESS.heading}</h1><p>${needs}</p>` +
      `<p><a href="${NO_ACCESS.back.href}">${NO_ACCESS.back.text}</a></p></main></body></html>`,
    { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );
}
