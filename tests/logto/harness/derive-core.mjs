/**
 * Turns Logto core's monorepo package.json into one npm can install on its own: workspace
 * packages become their npm releases, UI bundles go (core only serves them as static files), and
 * oidc-provider's GitHub fork (unreachable here) becomes the upstream release it is based on.
 */

/** npm releases that match the database schema `@logto/cli@1.43.0` seeds. */
export const workspaceReleases = {
  '@logto/app-insights': '^2.1.0',
  '@logto/cli': '1.43.0',
  '@logto/connector-kit': '5.1.1',
  '@logto/core-kit': '2.13.0',
  '@logto/language-kit': '1.4.0',
  '@logto/phrases': '1.31.0',
  '@logto/phrases-experience': '1.15.0',
  '@logto/schemas': '1.43.0',
  '@logto/shared': '3.4.3',
};

/** UI packages: core serves their built files; the HTTP APIs work without them. */
const uiPackages = new Set([
  '@logto/account',
  '@logto/console',
  '@logto/demo-app',
  '@logto/device-demo-app',
  '@logto/experience',
]);

/** Logto's fork is based on this release (per Logto's own commit message bumping the fork). */
export const oidcProviderRelease = '9.11.3';

/** Build-only tools kept from devDependencies; the rest (jest, eslint, types) is not needed to run. */
const keptDevDependencies = ['tsup', 'typescript', '@silverhand/ts-config'];

/**
 * @param {Record<string, any>} original core's package.json as found in the Logto source
 * @returns {Record<string, any>} the derived package.json (same name/version/imports/main)
 * @throws {Error} when a `workspace:` dependency has no known release (a newer Logto added one)
 */
export const deriveCorePackage = (original) => {
  const dependencies = {};
  for (const [name, range] of Object.entries(original.dependencies ?? {})) {
    if (uiPackages.has(name)) {
      continue;
    }
    if (name === 'oidc-provider') {
      dependencies[name] = oidcProviderRelease;
    } else if (String(range).startsWith('workspace:')) {
      const release = workspaceReleases[name];
      if (!release) {
        throw new Error(
          `Logto core depends on the workspace package ${name}, which has no npm release mapped in tests/logto/harness/derive-core.mjs`
        );
      }
      dependencies[name] = release;
    } else {
      dependencies[name] = range;
    }
  }
  const devDependencies = Object.fromEntries(
    keptDevDependencies
      .filter((name) => original.devDependencies?.[name])
      .map((name) => [name, original.devDependencies[name]])
  );
  return {
    name: original.name,
    version: original.version,
    private: true,
    type: 'module',
    main: original.main,
    imports: original.imports,
    license: original.license,
    dependencies,
    devDependencies,
  };
};
