import { z } from 'zod';
import { KINDS, SUBMISSION_KINDS, type InboxSetting } from '@/lib/intake/kinds';

/**
 * The only reader of process.env. Validated once, on first use (instrumentation.ts calls it at start),
 * failing with one line per bad or missing variable.
 */

const emailAddress = z.email('must be an e-mail address');

const optionalUrl = (protocols: RegExp, what: string) =>
  z
    .string()
    .refine((value) => URL.canParse(value) && protocols.test(new URL(value).protocol), `must be ${what}`)
    .optional();

const seconds = (fallback: number) => z.coerce.number().positive('must be a positive number').default(fallback);

const base64Key = z.string().refine((value) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(value), {
  message: 'must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)',
});

function inboxSettings(): Record<InboxSetting, z.ZodDefault<typeof emailAddress>> {
  const entries = SUBMISSION_KINDS.map((kind) => [KINDS[kind].inbox.setting, emailAddress.default(KINDS[kind].inbox.address)]);
  return Object.fromEntries(entries) as Record<InboxSetting, z.ZodDefault<typeof emailAddress>>;
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** How much the JSON logs say (lib/log.ts). */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: optionalUrl(/^postgres(ql)?:$/, 'a postgres:// or postgresql:// URL'),
    /** The owner role's connection, for migrations; DATABASE_URL's role then gets only what it needs. */
    DATABASE_MIGRATION_URL: optionalUrl(/^postgres(ql)?:$/, 'a postgres:// or postgresql:// URL'),
    DATA_DIR: z.string().min(1).default('.data'),
    SMTP_URL: optionalUrl(/^smtps?:$/, 'an smtp:// or smtps:// URL, with any credentials in it'),
    MAIL_FROM: z.string().min(3).default('CareOregon Provider Intake <no-reply@provider-intake.localhost>'),
    APP_URL: optionalUrl(/^https?:$/, 'an http:// or https:// URL'),
    // Where each kind of request is forwarded (INBOX_NEW_CONTRACT…): its setting and default are in its registry entry.
    ...inboxSettings(),
    DATA_ENCRYPTION_KEY: base64Key.optional(),
    OUTBOX_WORKER: z.enum(['inline', 'off']).default('inline'),
    OUTBOX_RETRY_FIRST_SECONDS: seconds(5),
    OUTBOX_RETRY_MAX_SECONDS: seconds(300),
    OUTBOX_GIVE_UP_HOURS: seconds(24),
    OUTBOX_LEASE_SECONDS: seconds(120),
    OUTBOX_POLL_SECONDS: seconds(1),
    SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
    /** Days the bodies of sent mail are kept in the outbox; then emptied (template, recipient, subject and state stay). */
    MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
    /** Sign-in links one staff address may be sent in 15 minutes at the request of one client address. */
    STAFF_SIGN_IN_LINKS_PER_15_MINUTES: z.coerce.number().int().min(1).default(5),
    /** Public forms one client address may send in an hour (each form counted on its own): a credentialing office's 50. */
    SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(60),
    /** E-mails from the public side (receipts, verification links, resends) one address may get in an hour. */
    PUBLIC_MAILS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    /** Sign-in links one client address may ask for in 15 minutes, whatever the addresses typed. */
    STAFF_SIGN_IN_REQUESTS_PER_15_MINUTES: z.coerce.number().int().min(1).default(20),
    /** Status look-ups one client address may make in 15 minutes. */
    STATUS_LOOKUPS_PER_15_MINUTES: z.coerce.number().int().min(1).default(30),
    /**
     * Reverse proxies in front of the app that append to X-Forwarded-For (a load balancer: 1). The client's address is
     * the one the outermost of them saw. 0: the app faces clients directly.
     */
    /**
     * The NPI registry (NPPES API 2.1) every NPI a form takes is looked up in (lib/registry/); `off` turns the look-up
     * off. The default is the public registry.
     */
    NPPES_API_URL: z
      .string()
      .refine(
        (value) => value === 'off' || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)),
        'must be an http:// or https:// URL, or off',
      )
      .default('https://npiregistry.cms.hhs.gov/api/'),
    /** NPI look-ups (the form's registry panel) one client address may make in 15 minutes. */
    NPI_LOOKUPS_PER_15_MINUTES: z.coerce.number().int().min(1).default(60),
    TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
    OIDC_ISSUER: optionalUrl(/^https?:$/, "an http:// or https:// URL (the identity provider's issuer)"),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Only staff whose address is in one of these domains may sign in by single sign-on (comma-separated). */
    OIDC_ALLOWED_DOMAINS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be domain names separated by commas')))
      .optional(),
  })
  .transform((env) => ({ ...env, APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '') }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (KEY= in a .env file) means unset, so its default applies.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  // Checked apart from the schema so that it is reported together with every other problem.
  if (present.DATABASE_URL && !present.DATA_ENCRYPTION_KEY) {
    problems.push(
      'DATA_ENCRYPTION_KEY is required when DATABASE_URL is set, so that every instance encrypts with the same key (generate one with: openssl rand -base64 32)',
    );
  }
  if (present.DATABASE_MIGRATION_URL && !present.DATABASE_URL) {
    problems.push('DATABASE_MIGRATION_URL is for PostgreSQL: set DATABASE_URL (the runtime role) too');
  }
  const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'];
  const oidcSet = oidc.filter((key) => present[key]);
  if (oidcSet.length > 0 && oidcSet.length < oidc.length) {
    problems.push(`single sign-on needs all of ${oidc.join(', ')}: ${oidc.filter((key) => !present[key]).join(', ')} missing`);
  }
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
