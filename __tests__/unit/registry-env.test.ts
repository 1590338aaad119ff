import { EnvError, parseEnv } from '@/lib/env';

test('NPPES_API_URL is the public registry by default, any http(s) URL when set, and off turns it off', () => {
  expect(parseEnv({}).NPPES_API_URL).toBe('https://npiregistry.cms.hhs.gov/api/');
  expect(parseEnv({ NPPES_API_URL: '' }).NPPES_API_URL).toBe('https://npiregistry.cms.hhs.gov/api/');
  expect(parseEnv({ NPPES_API_URL: 'http://127.0.0.1:3222/api/' }).NPPES_API_URL).toBe('http://127.0.0.1:3222/api/');
  expect(parseEnv({ NPPES_API_URL: 'off' }).NPPES_API_URL).toBe('off');
  expect(() => parseEnv({ NPPES_API_URL: 'ftp://registry.example/' })).toThrow(EnvError);
  expect(() => parseEnv({ NPPES_API_URL: 'no' })).toThrow(/NPPES_API_URL must be an http:\/\/ or https:\/\/ URL, or off/);
  expect(parseEnv({}).NPI_LOOKUPS_PER_15_MINUTES).toBe(60);
});
