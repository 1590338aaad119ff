import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { applicant, expectConfirmation, fillForm, isJs, openForm, type Applicant } from './helpers';
import {
  IDP_ORIGIN,
  PUBLIC_STAFF_ROUTES,
  REQUIRED_ROLE,
  ROLES,
  STAFF,
  roleAllows,
  signIn,
  staffNav,
  submissionIdOf,
  type Role,
} from './staff-helpers';

/**
 * The access sweep: every route under app/staff, found on disk, is either public (signing in) or needs a role
 * (REQUIRED_ROLE in staff-helpers.ts); nobody gets past a protected route without a session, and a staff member
 * whose role is too small gets 403. Every staff Server Action, found in the build's manifest, refuses an
 * anonymous caller the same way.
 */

const ROOT = process.cwd();
const APP = path.join(ROOT, 'app');
const STAFF_DIR = path.join(APP, 'staff');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof HTTP_METHODS)[number];

interface StaffRoute {
  /** The route as written under app/, without route groups: `/staff/submissions/[id]`. */
  pattern: string;
  file: string;
  kind: 'page' | 'route';
  methods: Method[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Turns an app/ directory into its URL pattern: route groups and parallel-route slots are not in the URL. */
function patternOf(dir: string): string | undefined {
  const segments = path.relative(APP, dir).split(path.sep);
  if (segments.some((segment) => segment.startsWith('_'))) return undefined; // private folders are not routes
  return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith('@')).join('/')}`;
}

/** Every page and route handler under app/staff. */
function staffRoutes(): StaffRoute[] {
  const routes: StaffRoute[] = [];
  for (const file of walk(STAFF_DIR)) {
    const match = /^(page|route)\.(tsx?|jsx?|mjs)$/.exec(path.basename(file));
    const pattern = match && patternOf(path.dirname(file));
    if (!match || !pattern) continue;
    const kind = match[1] as 'page' | 'route';
    const source = readFileSync(file, 'utf8');
    const methods =
      kind === 'page'
        ? (['GET'] as Method[])
        : HTTP_METHODS.filter((method) =>
            new RegExp(`export\\s+(?:async\\s+)?(?:function\\s+|const\\s+|let\\s+)${method}\\b|export\\s*\\{[^}]*\\b${method}\\b`).test(
              source,
            ),
          );
    routes.push({ pattern, file: path.relative(ROOT, file), kind, methods });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

// A made-up id (no such submission): the page must answer 404 to a staff member, and still redirect an anonymous one.
const MADE_UP_ID = '00000000-0000-4000-8000-000000000000';

/** Fills in a route's dynamic segments; a new kind of segment must be taught here, or the test fails. */
function urlOf(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`staff-access.spec.ts does not know a value for [${name}] in ${pattern}: add one to the test's params`);
    return value;
  });
}

function send(request: APIRequestContext, method: Method, url: string, options: Parameters<APIRequestContext['fetch']>[1] = {}) {
  return request.fetch(url, { method, maxRedirects: 0, ...options });
}

function expectRedirectToSignIn(response: APIResponse, what: string) {
  expect([302, 303, 307, 308], `${what}: a redirect, not ${response.status()}`).toContain(response.status());
  const location = response.headers()['location'] ?? '';
  expect(new URL(location, response.url()).pathname, `${what}: redirected to the sign-in page`).toBe('/staff/sign-in');
}

// ---- the submission the routes are checked with --------------------------------------------------------

let submission: { id: string; reference: string; data: Applicant };

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const js = isJs(testInfo);
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL });
  try {
    const page = await context.newPage();
    const data = applicant();
    await openForm(page, js);
    await fillForm(page, js, data);
    await page.getByRole('button', { name: 'Submit request' }).click();
    const reference = await expectConfirmation(page);
    await signIn(page, STAFF.viewer.email);
    submission = { id: await submissionIdOf(page, reference), reference, data };
  } finally {
    await context.close();
  }
});

// ---- routes -----------------------------------------------------------------------------------------

test.describe('staff access: routes', () => {
  test('every route under app/staff is either public or in the REQUIRED_ROLE table', () => {
    const found = staffRoutes();
    expect(found.length, 'routes found under app/staff').toBeGreaterThan(0);
    const patterns = found.map((route) => route.pattern);
    const listed = new Set<string>([...PUBLIC_STAFF_ROUTES, ...Object.keys(REQUIRED_ROLE)]);

    const unlisted = found.filter((route) => !listed.has(route.pattern)).map((route) => `${route.pattern} (${route.file})`);
    expect(unlisted, 'routes in neither PUBLIC_STAFF_ROUTES nor REQUIRED_ROLE: say which role they need').toEqual([]);
    const stale = [...listed].filter((pattern) => !patterns.includes(pattern));
    expect(stale, 'listed routes that no longer exist under app/staff').toEqual([]);
    const both = PUBLIC_STAFF_ROUTES.filter((pattern) => pattern in REQUIRED_ROLE);
    expect(both, 'routes both public and protected').toEqual([]);
    for (const route of found) expect(route.methods, `${route.file} answers some method`).not.toEqual([]);
  });

  test('an anonymous visitor is sent to /staff/sign-in from every protected route, and sees none of its data', async ({ request }) => {
    const protectedRoutes = staffRoutes().filter((route) => route.pattern in REQUIRED_ROLE);
    expect(protectedRoutes.length).toBeGreaterThan(0);
    const secrets = [submission.reference, submission.data.providerName, submission.data.email];
    for (const route of protectedRoutes) {
      const urls = [...new Set([urlOf(route.pattern, { id: submission.id }), urlOf(route.pattern, { id: MADE_UP_ID })])];
      for (const url of urls) {
        for (const method of route.methods) {
          const what = `anonymous ${method} ${url}`;
          const response = await send(request, method, url);
          expectRedirectToSignIn(response, what);
          const body = await response.text();
          for (const secret of secrets) expect(body, `${what}: the body`).not.toContain(secret);
        }
        if (route.kind === 'page') {
          // The client router's request for the page's React payload (a link followed with JavaScript).
          const flight = await request.get(url, { headers: { RSC: '1' } });
          const body = await flight.text();
          for (const secret of secrets) expect(body, `anonymous RSC request for ${url}: the payload`).not.toContain(secret);
        }
      }
    }
  });

  test('the public sign-in routes answer an anonymous visitor without a redirect to themselves', async ({ request, baseURL }) => {
    const routes = staffRoutes().filter((route) => (PUBLIC_STAFF_ROUTES as readonly string[]).includes(route.pattern));
    expect(routes.map((route) => route.pattern).sort()).toEqual([...PUBLIC_STAFF_ROUTES].sort());
    for (const route of routes) {
      for (const method of route.methods) {
        const response = await send(request, method, route.pattern);
        if (route.kind === 'page') {
          expect(response.status(), `${method} ${route.pattern}`).toBe(200);
          expect(await response.text(), `${method} ${route.pattern}`).toMatch(/<h1>[^<]*Sign/i);
        } else {
          // The route that starts single sign-on (configured in these tests): on to the identity provider.
          expect(response.status(), `${method} ${route.pattern}`).toBe(303);
          const location = new URL(response.headers()['location'], baseURL);
          expect(`${location.origin}${location.pathname}`, `${method} ${route.pattern}`).toBe(`${IDP_ORIGIN}/auth`);
        }
      }
    }
  });

  test("/staff/sign-in/sso sends the browser to the identity provider with the way back through the site (APP_URL), not the server's own localhost address", async ({
    request,
    baseURL,
  }) => {
    // Without single sign-on configured, the route's way back to the sign-in page is APP_URL too: __tests__/unit/staff-sign-in-sso.test.tsx.
    const response = await send(request, 'POST', '/staff/sign-in/sso');
    expect(response.status()).toBe(303);
    const location = new URL(response.headers()['location']);
    expect(location.origin).toBe(IDP_ORIGIN);
    expect(location.searchParams.get('redirect_uri')).toBe(`${baseURL}/api/auth/callback/sso`);
  });

  for (const role of ROLES) {
    test(`a signed-in ${role} gets each protected route if the role allows it, and 403 if not`, async ({ page }) => {
      test.setTimeout(90_000);
      await signIn(page, STAFF[role].email);
      // page.request shares the browser's cookies: these are the signed-in staff member's requests.
      for (const route of staffRoutes().filter((route) => route.pattern in REQUIRED_ROLE)) {
        const needed = REQUIRED_ROLE[route.pattern];
        const allowed = roleAllows(role, needed);
        const url = urlOf(route.pattern, { id: submission.id });
        for (const method of route.methods) {
          const what = `${role} ${method} ${url} (needs ${needed})`;
          const response = await page.request.fetch(url, { method });
          expect(new URL(response.url()).pathname, `${what}: not sent to sign in`).not.toBe('/staff/sign-in');
          expect(response.status(), what).toBe(allowed ? 200 : 403);
          const body = await response.text();
          if (allowed) {
            if (url.includes(submission.id)) expect(body, what).toContain(submission.reference);
          } else {
            expect(body, what).toContain('You do not have access to this page');
            expect(body, what).not.toContain(submission.reference);
          }
        }
        if (route.pattern.includes('[id]')) {
          const url = urlOf(route.pattern, { id: MADE_UP_ID });
          const response = await page.request.get(url);
          expect(response.status(), `${role} GET ${url}: no such submission`).toBe(allowed ? 404 : 403);
          if (allowed) {
            // The page a browser shows, with or without JavaScript: the message, not an empty shell.
            expect((await page.goto(url))?.status()).toBe(404);
            await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
          }
        }
      }
      // The page itself, in the browser, for the first protected page the role may not see.
      const refused = Object.entries(REQUIRED_ROLE).find(([pattern, needed]) => !roleAllows(role, needed) && !pattern.includes('['));
      if (refused) {
        const response = await page.goto(refused[0]);
        expect(response?.status()).toBe(403);
        // Rendered on the server (components/no-access.tsx): readable with JavaScript off too.
        await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
        await expect(page).toHaveTitle('Not allowed – Provider Intake');
      }
      // Staff Server Actions the role may not call answer 403 (none yet: every action is open to a viewer).
      for (const action of staffActionsInBuild().filter((action) => ACTION_ROLE[action.key] !== 'public')) {
        const needed = ACTION_ROLE[action.key] as Role;
        if (roleAllows(role, needed)) continue; // it would act (signing out, say)
        const response = await page.request.post(pageUrlOf(action.workers[0]), {
          maxRedirects: 0,
          headers: {
            'Next-Action': action.id,
            Accept: 'text/x-component',
            Origin: new URL(page.url()).origin,
            'Content-Type': 'text/plain;charset=UTF-8',
          },
          data: '[]',
        });
        expect(response.status(), `${role} calls ${action.key} (needs ${needed})`).toBe(403);
      }
      // Still signed in, as this role.
      await page.goto('/staff/submissions');
      await expect(staffNav(page)).toContainText(`${STAFF[role].name} (${role})`);
    });
  }
});

for (const role of ROLES) {
  test(`staff access: every link in the staff navigation works for a ${role}`, async ({ page }) => {
    await signIn(page, STAFF[role].email);
    const hrefs = await staffNav(page)
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs).toContain('/staff/submissions');
    for (const href of hrefs) {
      expect(Object.keys(REQUIRED_ROLE), `${href} is a staff route`).toContain(href);
      expect(roleAllows(role, REQUIRED_ROLE[href]), `a ${role} is shown a link to ${href}, which needs ${REQUIRED_ROLE[href]}`).toBe(true);
      expect((await page.request.get(href)).status(), `${role} follows ${href}`).toBe(200);
    }
  });
}

// ---- Server Actions -----------------------------------------------------------------------------------

/**
 * The role each staff Server Action needs, by `file#export`; `public` for the one an anonymous visitor must be
 * able to use (asking for a sign-in link). The test fails when the build has a staff action not in this table.
 */
const ACTION_ROLE: Record<string, Role | 'public'> = {
  'app/staff/(workspace)/actions.ts#signOut': 'viewer',
  'app/staff/sign-in/actions.ts#sendSignInLink': 'public',
  'app/staff/(workspace)/submissions/[id]/actions.ts#moveSubmission': 'reviewer',
  'app/staff/(workspace)/submissions/[id]/actions.ts#assignSubmission': 'reviewer',
  'app/staff/(workspace)/submissions/[id]/actions.ts#addSubmissionNote': 'reviewer',
  'app/staff/(workspace)/submissions/[id]/actions.ts#revealSubmissionTin': 'reviewer',
  'app/staff/(workspace)/outbox/actions.ts#retryOutboxMessage': 'reviewer',
  'app/staff/(workspace)/people/actions.ts#addPersonAction': 'admin',
  'app/staff/(workspace)/people/actions.ts#changePersonAction': 'admin',
  'app/staff/(workspace)/submissions/[id]/exclusion-actions.ts#decideExclusion': 'reviewer',
};

/** Where Server Actions live that must be checked: anything under these, in the build or marked 'use server' on disk. */
const ACTION_DIRS = ['app/staff/', 'lib/staff/', 'lib/auth/'];

interface ManifestAction {
  id: string;
  key: string;
  /** The pages that can call it, as app/ paths (`app/staff/(workspace)/submissions/page`). */
  workers: string[];
}

function staffActionsInBuild(): ManifestAction[] {
  const file = path.join(ROOT, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node)
    .filter(([, action]) => ACTION_DIRS.some((dir) => action.filename.startsWith(dir)))
    .map(([id, action]) => ({ id, key: `${action.filename}#${action.exportedName}`, workers: Object.keys(action.workers) }));
}

/** Exports of the 'use server' files under ACTION_DIRS, as `file#export` (an action never used is not in the build). */
function staffActionsOnDisk(): string[] {
  return ACTION_DIRS.flatMap((dir) => {
    const full = path.join(ROOT, dir);
    let files: string[];
    try {
      files = walk(full);
    } catch {
      return [];
    }
    return files
      .filter((file) => /\.(tsx?|jsx?)$/.test(file))
      .flatMap((file) => {
        const source = readFileSync(file, 'utf8');
        if (!/^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(source)) return [];
        const names = [...source.matchAll(/export\s+(?:async\s+)?(?:function\s+|const\s+|let\s+)([A-Za-z_$][\w$]*)/g)].map(
          (match) => match[1],
        );
        return names.map((name) => `${path.relative(ROOT, file).split(path.sep).join('/')}#${name}`);
      });
  });
}

/** The URL of a page from its app/ path: `app/staff/(workspace)/submissions/[id]/page` → `/staff/submissions/<id>`. */
function pageUrlOf(worker: string): string {
  return urlOf(patternOf(path.join(ROOT, path.dirname(worker)))!, { id: submission.id });
}

test.describe('staff access: Server Actions', () => {
  test('every staff Server Action in the build and on disk is in the ACTION_ROLE table', () => {
    const inBuild = staffActionsInBuild();
    expect(inBuild.length, 'staff actions in .next/server/server-reference-manifest.json (run `npm run build` first)').toBeGreaterThan(0);
    const keys = [...new Set([...inBuild.map((action) => action.key), ...staffActionsOnDisk()])].sort();
    expect(
      keys.filter((key) => !(key in ACTION_ROLE)),
      'staff Server Actions not in ACTION_ROLE: say which role they need',
    ).toEqual([]);
    expect(
      Object.keys(ACTION_ROLE).filter((key) => !keys.includes(key)),
      'ACTION_ROLE entries that are no longer actions',
    ).toEqual([]);
    for (const action of inBuild) expect(action.workers.length, `${action.key} belongs to some page`).toBeGreaterThan(0);
  });

  test('an anonymous call of each protected staff action, as Next makes it, is redirected to /staff/sign-in and does nothing', async ({
    request,
    baseURL,
  }) => {
    const actions = staffActionsInBuild().filter((action) => ACTION_ROLE[action.key] !== 'public');
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      for (const worker of action.workers) {
        const url = pageUrlOf(worker);
        const what = `anonymous ${action.key} on ${url}`;
        // With JavaScript, React posts the arguments to the page with a Next-Action header; Next answers a redirect
        // with 200 and an x-action-redirect header the client router follows (no Location, no 303).
        for (const [contentType, data] of [
          ['text/plain;charset=UTF-8', '[]'],
          ['multipart/form-data', undefined],
        ] as const) {
          const response = await request.post(url, {
            maxRedirects: 0,
            headers: {
              'Next-Action': action.id,
              Accept: 'text/x-component',
              Origin: baseURL!,
              ...(data ? { 'Content-Type': contentType } : {}),
            },
            ...(data ? { data } : { multipart: { '0': '[]' } }),
          });
          expect(response.status(), `${what} (${contentType})`).toBe(200);
          expect(response.headers()['x-action-redirect'], `${what} (${contentType}): x-action-redirect`).toBe('/staff/sign-in;push');
          expect(response.headers()['location'], `${what} (${contentType}): no Location`).toBeUndefined();
        }
        // Without JavaScript, the form posts the action's id as a field; Next answers with a real 303.
        const response = await request.post(url, {
          maxRedirects: 0,
          headers: { Origin: baseURL! },
          multipart: { [`$ACTION_ID_${action.id}`]: '' },
        });
        expect(response.status(), `${what} (no-JS form post)`).toBe(303);
        expect(response.headers()['location'], `${what} (no-JS form post)`).toBe('/staff/sign-in');
        expect(response.headers()['set-cookie'] ?? '', `${what}: sets no cookie`).toBe('');
      }
    }
  });

  test('signing out is the one staff action a viewer may call: it ends the session', async ({ page, baseURL }) => {
    // The positive case of the anonymous check above: the same request, signed in, does act.
    const signOutAction = staffActionsInBuild().find((action) => action.key === 'app/staff/(workspace)/actions.ts#signOut');
    expect(signOutAction, 'the sign-out action in the build').toBeDefined();
    await signIn(page, STAFF.viewer.email);
    const response = await page.request.post('/staff/submissions', {
      maxRedirects: 0,
      headers: {
        'Next-Action': signOutAction!.id,
        Accept: 'text/x-component',
        Origin: baseURL!,
        'Content-Type': 'text/plain;charset=UTF-8',
      },
      data: '[]',
    });
    expect(response.headers()['x-action-redirect']).toBe('/staff/sign-in?signedOut=1;push');
    await page.goto('/staff/submissions');
    await expect(page).toHaveURL(/\/staff\/sign-in$/);
  });
});
