/**
 * Loads a module that encrypts or hashes with DATA_ENCRYPTION_KEY, under the given key. lib/env reads process.env
 * once and lib/crypto/data-key caches the key, both per module registry: each load gets a fresh registry, loaded
 * after process.env is set, and `touch` uses the key at once (it is read lazily) while process.env holds it.
 * Call restoreEnvironment in afterAll.
 */
const savedEnv = { ...process.env };

export function loadWithKey<Module>(key: string, load: () => Module, touch: (module: Module) => unknown): Module {
  process.env.DATA_ENCRYPTION_KEY = key;
  delete process.env.DATABASE_URL;
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
  let loaded: Module | undefined;
  jest.isolateModules(() => {
    loaded = load();
  });
  touch(loaded!);
  return loaded!;
}

export function restoreEnvironment(): void {
  process.env = { ...savedEnv };
}
