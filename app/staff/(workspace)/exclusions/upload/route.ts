import { NextResponse } from 'next/server';
import { hasRole } from '@/lib/auth/roles';
import { getStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { loadExclusionList } from '@/lib/exclusions/load';
import { screenOpenSubmissions } from '@/lib/exclusions/screening';
import { MAX_EXCLUSION_UPLOAD_BYTES, type UploadProblem } from '@/lib/exclusions/upload';
import { log } from '@/lib/log';
import { noAccessResponse } from '@/lib/staff/no-access';

/**
 * POST /staff/exclusions/upload (admins): the LEIE file from /staff/exclusions's plain form (multipart, no JavaScript
 * needed), loaded in place of the list in use, then every open submission screened again; answered with a 303 back to
 * the page, which says how it went. A route handler rather than a Server Action: the file is ~15 MB, and Server
 * Actions take at most 2 MB here (next.config.js), a limit that protects every public form. scripts/server.mjs lets
 * this one path post up to 64 MB (lib/request-preparation.ts) and reads no body, so nothing reads it before the role is
 * checked.
 */
export async function POST(request: Request): Promise<Response> {
  const staff = await getStaff();
  const appUrl = env().APP_URL;
  const back = (query: Record<string, string>) => NextResponse.redirect(`${appUrl}/staff/exclusions?${new URLSearchParams(query)}`, 303);
  if (!staff) return NextResponse.redirect(`${appUrl}/staff/sign-in`, 303);
  if (!hasRole(staff.role, 'admin')) {
    return noAccessResponse('Loading the exclusion list needs an admin role.');
  }
  // Not a Server Action, so Next does not compare the origin for us: a post from another site is refused.
  const origin = request.headers.get('origin');
  if (origin && origin !== new URL(appUrl).origin && origin !== new URL(request.url).origin) {
    return new Response('Cross-site post refused', { status: 403 });
  }
  const problem = (code: UploadProblem) => back({ problem: code });
  // Checked again here: a request may come without a Content-Length, or through another way in.
  if (Number(request.headers.get('content-length') ?? '0') > MAX_EXCLUSION_UPLOAD_BYTES) return problem('too-large');

  let file: File | undefined;
  try {
    const value = (await request.formData()).get('file');
    if (value instanceof File && value.size > 0) file = value;
  } catch {
    // Not a multipart form (or cut short): nothing to load.
  }
  if (!file) return problem('no-file');
  if (file.size > MAX_EXCLUSION_UPLOAD_BYTES) return problem('too-large');

  const prisma = await db();
  let loadId: string;
  try {
    const loaded = await loadExclusionList(prisma, file.stream() as unknown as AsyncIterable<Uint8Array>, {
      fileName: file.name,
      loadedBy: { actor: staff, label: staff.email },
    });
    loadId = loaded.loadId;
    if (loaded.outcome === 'REFUSED') return back({ load: loadId });
  } catch (error) {
    log().error({ event: 'exclusion_list_load_failed', err: (error as Error).message }, 'could not load the exclusion list');
    return problem('not-loaded');
  }
  try {
    const summary = await screenOpenSubmissions(prisma);
    return back({ load: loadId, screened: String(summary.screened), flagged: String(summary.flagged) });
  } catch (error) {
    log().error({ event: 'exclusion_screening_failed', err: (error as Error).message }, 'loaded the exclusion list; screening failed');
    return back({ load: loadId, screening: 'failed' });
  }
}
