import { EnvError, parseEnv } from '@/lib/env';

const KEY_32 = Buffer.alloc(32, 1).toString('base64');
const KEY_16 = Buffer.alloc(16, 1).toString('base64');

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error('expected parseEnv to fail');
}

describe('parseEnv defaults', () => {
  it('fills in every default from an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: '.data',
      APP_URL: 'http://localhost:3000',
      INBOX_NEW_CONTRACT: 'newcontractrequest@careoregon.org',
      INBOX_CLINIC_ALERTS: 'careoregonalerts@careoregon.org',
      INBOX_PROVIDER_UPDATES: 'ProviderUpdates@CareOregon.org',
      OUTBOX_WORKER: 'inline',
      OUTBOX_RETRY_FIRST_SECONDS: 5,
      OUTBOX_RETRY_MAX_SECONDS: 300,
      OUTBOX_GIVE_UP_HOURS: 24,
      OUTBOX_LEASE_SECONDS: 120,
      OUTBOX_POLL_SECONDS: 1,
      SMTP_MAX_CONNECTIONS: 5,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DATA_ENCRYPTION_KEY).toBeUndefined();
  });

  it('derives APP_URL from PORT', () => {
    expect(parseEnv({ PORT: '8080' })).toMatchObject({ PORT: 8080, APP_URL: 'http://localhost:8080' });
  });

  it('keeps a given APP_URL, without trailing slashes', () => {
    expect(parseEnv({ APP_URL: 'https://intake.example.org/', PORT: '8080' }).APP_URL).toBe('https://intake.example.org');
  });

  it('treats empty strings as unset for the optional URLs and the key', () => {
    const env = parseEnv({ DATABASE_URL: '', SMTP_URL: '', APP_URL: '', DATA_ENCRYPTION_KEY: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DATA_ENCRYPTION_KEY).toBeUndefined();
    expect(env.APP_URL).toBe('http://localhost:3000');
  });

  it('reads OIDC_ALLOWED_DOMAINS as a list of lower-case domains, and refuses what is not a domain', () => {
    expect(parseEnv({}).OIDC_ALLOWED_DOMAINS).toBeUndefined();
    expect(parseEnv({ OIDC_ALLOWED_DOMAINS: 'CareOregon.org, @staff.careoregon.org,' }).OIDC_ALLOWED_DOMAINS).toEqual([
      'careoregon.org',
      'staff.careoregon.org',
    ]);
    expect(problemsOf({ OIDC_ALLOWED_DOMAINS: 'careoregon.org, not a domain' })[0]).toMatch(/^OIDC_ALLOWED_DOMAINS/);
  });

  it('overrides the inboxes', () => {
    expect(parseEnv({ INBOX_NEW_CONTRACT: 'contracts@plan.example' }).INBOX_NEW_CONTRACT).toBe('contracts@plan.example');
  });
});

describe('parseEnv accepts a production configuration', () => {
  it('with a database, a key and SMTP', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://intake:secret@db.internal:5432/intake',
      DATA_ENCRYPTION_KEY: KEY_32,
      SMTP_URL: 'smtps://user:pass@smtp.example.org:465',
    });
    expect(env.DATABASE_URL).toBe('postgresql://intake:secret@db.internal:5432/intake');
    expect(Buffer.from(env.DATA_ENCRYPTION_KEY!, 'base64')).toHaveLength(32);
    expect(env.SMTP_URL).toBe('smtps://user:pass@smtp.example.org:465');
  });
});

describe('parseEnv refuses', () => {
  it('a DATABASE_URL without DATA_ENCRYPTION_KEY, naming the key', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://intake@db/intake' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATA_ENCRYPTION_KEY is required when DATABASE_URL is set/);
  });

  it('an http:// SMTP_URL', () => {
    expect(problemsOf({ SMTP_URL: 'http://smtp.example.org' })).toEqual([
      'SMTP_URL must be an smtp:// or smtps:// URL, with any credentials in it',
    ]);
  });

  it('a DATABASE_URL that is not postgres', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://db/intake', DATA_ENCRYPTION_KEY: KEY_32 })).toEqual([
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
    ]);
  });

  it('a 16-byte key', () => {
    const problems = problemsOf({ DATA_ENCRYPTION_KEY: KEY_16 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATA_ENCRYPTION_KEY must be 32 random bytes in base64/);
  });

  it('a key that is not base64', () => {
    expect(problemsOf({ DATA_ENCRYPTION_KEY: 'not a key!' })[0]).toMatch(/^DATA_ENCRYPTION_KEY /);
  });

  it('every bad variable at once, in one EnvError', () => {
    let thrown: unknown;
    try {
      parseEnv({
        SMTP_URL: 'http://smtp.example.org',
        DATA_ENCRYPTION_KEY: KEY_16,
        INBOX_NEW_CONTRACT: 'not-an-address',
        PORT: '0',
        OUTBOX_WORKER: 'sometimes',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    const { problems, message } = thrown as EnvError;
    expect(problems.map((problem) => problem.split(' ')[0]).sort()).toEqual(
      ['DATA_ENCRYPTION_KEY', 'INBOX_NEW_CONTRACT', 'OUTBOX_WORKER', 'PORT', 'SMTP_URL'].sort(),
    );
    for (const problem of problems) expect(message).toContain(`  - ${problem}`);
    expect(message).toMatch(/^Invalid configuration:\n/);
  });

  it('reports the missing key alongside another bad URL', () => {
    const names = problemsOf({ DATABASE_URL: 'postgres://db/intake', SMTP_URL: 'http://smtp' }).map((problem) => problem.split(' ')[0]);
    expect(names.sort()).toEqual(['DATA_ENCRYPTION_KEY', 'SMTP_URL']);
  });
});
