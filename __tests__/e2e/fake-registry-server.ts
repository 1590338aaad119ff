// The browser tests' NPI registry: the fake of __tests__/helpers/fake-registry.ts on REGISTRY_PORT, until killed.
import { startFakeRegistry } from '../helpers/fake-registry';

const port = Number(process.env.REGISTRY_PORT ?? 3202);
startFakeRegistry(port).then((fake) => console.info(`[fake-registry] ${fake.url}`));
