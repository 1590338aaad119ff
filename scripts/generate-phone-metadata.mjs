// Writes lib/validation/phone-metadata.json: libphonenumber-js's "min" metadata cut down to the regions we accept
// (the US and its territories). The browser validates phone numbers with the same rules as the server, without
// shipping the whole world's metadata (about 28 KB gzipped). Run again after upgrading libphonenumber-js.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const full = require('libphonenumber-js/min/metadata');
const REGIONS = ['US', 'PR', 'GU', 'VI', 'AS', 'MP'];

const subset = {
  version: full.version,
  country_calling_codes: { 1: full.country_calling_codes['1'].filter((region) => REGIONS.includes(region)) },
  countries: Object.fromEntries(REGIONS.map((region) => [region, full.countries[region]])),
  nonGeographic: {},
};
writeFileSync(new URL('../lib/validation/phone-metadata.json', import.meta.url), `${JSON.stringify(subset)}\n`);
console.log(`phone metadata for ${REGIONS.join(', ')}: ${JSON.stringify(subset).length} bytes`);
