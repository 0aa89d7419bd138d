import { existsSync } from 'node:fs';
import path from 'node:path';

import { connectorPackages, packageDirectory } from '../helpers/build.js';
import { fieldOf } from '../support/index.js';

import type { ContractCanaries, ContractFixture } from './fixture.js';

/**
 * The secrets every fixture config holds. Each contains characters that every encoding a request or
 * an error could apply (percent, form, JSON) changes, and starts with a distinctive core.
 */
export const contractCanaries: ContractCanaries = {
  id: 'CnryContractKeyId4f2e',
  secret: 'CnryContractSecret8a1d+/="\\&%q',
  token: 'CnryContractToken3b7c+/="\\&%p',
};

/** The verification code of every contract send (letters, so no other number can look like it). */
export const contractCode = 'Qm4Tz8';

export type DiscoveredFixture = {
  packageName: string;
  directory: string;
  fixture: ContractFixture;
};

export const fixtureFile = (packageName: string): string =>
  path.join(packageDirectory(packageName), 'test', 'contract-fixture.ts');

const isFunction = (value: unknown): value is (...parameters: never[]) => unknown =>
  typeof value === 'function';

/** The fields the suite calls or reads without a further check; the rest fail the test on use. */
const isContractFixture = (value: unknown): value is ContractFixture =>
  typeof fieldOf(value, 'packageName') === 'string' &&
  isFunction(fieldOf(value, 'createConnector')) &&
  isFunction(fieldOf(value, 'config')) &&
  Array.isArray(fieldOf(value, 'invalidConfigs')) &&
  typeof fieldOf(fieldOf(value, 'numbers'), 'mainland') === 'string' &&
  typeof fieldOf(fieldOf(value, 'success'), 'status') === 'number';

/**
 * The `contractFixture` of every connector package (from `connectorPackages`, which lists every
 * `packages/connector-*` with a src/index.ts), and the packages that have none.
 */
export const discoverFixtures = async (): Promise<{
  fixtures: DiscoveredFixture[];
  missing: string[];
}> => {
  const missing = connectorPackages.filter((name) => !existsSync(fixtureFile(name)));
  const fixtures = await Promise.all(
    connectorPackages
      .filter((name) => existsSync(fixtureFile(name)))
      .map(async (name) => {
        const module: unknown = await import(fixtureFile(name));
        const fixture = fieldOf(module, 'contractFixture');
        if (!isContractFixture(fixture)) {
          throw new Error(`${fixtureFile(name)} does not export a contractFixture`);
        }
        return { packageName: name, directory: packageDirectory(name), fixture };
      })
  );
  return { fixtures, missing };
};
