/**
 * What a first-time operator reads: install commands that only run this project's code, packages
 * ready to publish, READMEs whose links work on npm and in the Logto Console drawer (which show the
 * README without the repository around it), one name per thing, and no claim the code contradicts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { connectorPackages } from '../helpers/build.js';
import { stringMatching } from '../support/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const packageNames = readdirSync(path.join(root, 'packages'));
const packageJson = (name: string) =>
  JSON.parse(read(`packages/${name}/package.json`)) as Record<string, unknown>;
const published = packageNames.filter((name) => packageJson(name).private !== true);

const markdownFiles = [
  'README.md',
  ...packageNames.flatMap((name) =>
    readdirSync(path.join(root, 'packages', name))
      .filter((file) => file.endsWith('.md'))
      .map((file) => `packages/${name}/${file}`)
  ),
  ...readdirSync(path.join(root, 'docs')).map((file) => `docs/${file}`),
];
const cliSources = readdirSync(path.join(root, 'packages/cli/src'), {
  recursive: true,
  encoding: 'utf8',
})
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `packages/cli/src/${file}`);

describe("install commands run only this project's code", () => {
  it.each([...markdownFiles, ...cliSources])(
    '%s never runs the unowned npm name "logto-sms" through npx',
    (file) => {
      expect(read(file)).not.toMatch(/npx\s+(?:-y\s+|--yes\s+)?logto-sms\b/);
    }
  );
});

describe('publish-ready packages', () => {
  it.each(published)('%s has repository, homepage, bugs, files and publishConfig', (name) => {
    const manifest = packageJson(name);
    expect(manifest.repository).toMatchObject({
      type: 'git',
      url: stringMatching(/^git\+https:\/\//),
      directory: `packages/${name}`,
    });
    expect(manifest.homepage).toMatch(new RegExp(`^https://.*/tree/main/packages/${name}#readme$`));
    expect(manifest.bugs).toMatchObject({ url: stringMatching(/^https:\/\/.*\/issues$/) });
    expect(manifest.files).toEqual(expect.arrayContaining(['lib', 'README.md']));
    expect(manifest.publishConfig).toEqual({ access: 'public' });
  });

  it.each(connectorPackages)(
    '%s README links work outside the repository (npm, the Console drawer)',
    (name) => {
      for (const file of readdirSync(path.join(root, 'packages', name)).filter((entry) =>
        entry.endsWith('.md')
      )) {
        const targets = [...read(`packages/${name}/${file}`).matchAll(/\]\(([^)\s]+)\)/g)].map(
          ([, target]) => target
        );
        expect(
          targets.filter((target) => !/^(?:https:\/\/|#)/.test(target ?? '')),
          file
        ).toEqual([]);
      }
    }
  );

  it.each(connectorPackages)(
    '%s README offers the offline tarball before the npm install (nothing is published yet)',
    (name) => {
      for (const file of ['README.md', 'README.zh-CN.md']) {
        const text = read(`packages/${name}/${file}`);
        expect(text.indexOf('npm pack'), file).toBeGreaterThan(-1);
        expect(text.indexOf('npm pack'), file).toBeLessThan(
          text.indexOf('@logto/cli connector add')
        );
      }
    }
  );
});

describe('one name per thing', () => {
  it('every Dockerfile example extends the same Logto image', () => {
    const images = markdownFiles.flatMap((file) =>
      [...read(file).matchAll(/^\s*FROM\s+(\S+)/gm)].map(([, image]) => image)
    );
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set(['svhd/logto:latest']));
  });

  it.each(connectorPackages)(
    '%s: the READMEs use the Console name from metadata and the install folder named after the id',
    async (name) => {
      const { metadata } = (await import(`../../packages/${name}/src/metadata.ts`)) as {
        metadata: { id: string; name: Record<string, string> };
      };
      const english = read(`packages/${name}/README.md`);
      const chinese = read(`packages/${name}/README.zh-CN.md`);
      expect(english).toContain(metadata.name.en);
      expect(chinese).toContain(metadata.name['zh-CN']);
      for (const text of [english, chinese]) {
        const folders = [...text.matchAll(/core\/connectors\/([\w.-]+)/g)].map(
          ([, folder]) => folder
        );
        expect(folders.length).toBeGreaterThan(0);
        expect(new Set(folders)).toEqual(new Set([metadata.id]));
      }
    }
  );
});

describe('claims the code does not contradict', () => {
  it('YunPian: a bare mainland number in strict mode is read as +1, not refused outright', () => {
    for (const file of ['README.md', 'README.zh-CN.md']) {
      const text = read(`packages/connector-yunpian-sms/${file}`);
      expect(text).not.toMatch(
        /Refused with a clear error in strict mode|严格模式下明确报错|are\s+refused \(strict mode\)|严格模式下拒绝这类号码/
      );
    }
  });

  it('only a Generic (or Test) template is required, in every connector README', () => {
    for (const name of connectorPackages) {
      expect(read(`packages/${name}/README.md`)).toMatch(/Only a `Generic` template is required/);
      expect(read(`packages/${name}/README.zh-CN.md`)).toMatch(/只有 `Generic` 模板是必需的/);
    }
  });

  it('the Docker Desktop opt-in is documented', () => {
    for (const name of connectorPackages) {
      expect(read(`packages/${name}/README.md`)).toContain('LOGTO_SMS_ALLOWED_HTTP_HOSTS');
    }
    expect(read('packages/sandbox/README.md')).toContain('LOGTO_SMS_ALLOWED_HTTP_HOSTS');
  });

  it('no reference to a docs/logto-host.md this repository does not have', () => {
    const sources = [
      'scripts/build.mjs',
      ...cliSources,
      'packages/connector-yunpian-sms/src/recipient.ts',
      'tests/helpers/logto-display.ts',
    ];
    for (const file of [...markdownFiles, ...sources]) {
      expect(read(file), file).not.toMatch(
        /(?<!shared\/)docs\/logto-host\.md|shared\/docs\/logto-host\.md/
      );
    }
  });
});
