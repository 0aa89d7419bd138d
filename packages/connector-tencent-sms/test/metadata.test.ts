import { readFile } from 'node:fs/promises';

import { ConnectorType, connectorMetadataGuard } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { tencentSmsConfigObject } from '../src/config.js';
import createConnector, { metadata } from '../src/index.js';

const packageFile = (name: string) => new URL(`../${name}`, import.meta.url);

describe('metadata', () => {
  it("passes connector-kit's guard", () => {
    expect(() => connectorMetadataGuard.parse(metadata)).not.toThrow();
  });

  it('has its own id (never the official one) and the Tencent target', () => {
    expect(metadata).toMatchObject({
      id: 'logto-sms-tencent',
      target: 'tencent-sms',
      platform: null,
      readme: './README.md',
      logo: './logo.svg',
    });
    expect(metadata.id).not.toBe('tencent-short-message-service');
  });

  it('names and describes itself in English and Chinese', () => {
    for (const phrases of [metadata.name, metadata.description]) {
      expect(phrases.en).toMatch(/Tencent/);
      expect(phrases['zh-CN']).toMatch(/腾讯云/);
    }
  });

  it('has one described form item per config key; secrets are confidential', () => {
    const formItems = metadata.formItems ?? [];
    expect(formItems.map(({ key }) => key).sort()).toEqual(
      Object.keys(tencentSmsConfigObject.schema.shape).sort()
    );
    for (const item of formItems) {
      expect(item.description?.length, item.key).toBeGreaterThan(30);
    }
    expect(
      formItems
        .filter(({ isConfidential }) => isConfidential)
        .map(({ key }) => key)
        .sort()
    ).toEqual(['accessKeySecret', 'securityToken']);
  });

  it("the form's default templates are a valid templates value", () => {
    const templates = metadata.formItems?.find(({ key }) => key === 'templates')?.defaultValue;
    expect(tencentSmsConfigObject.schema.shape.templates.safeParse(templates).success).toBe(true);
  });

  it('createConnector reads no config at load time', async () => {
    const connector = await createConnector({
      getConfig: async () => {
        throw new Error('getConfig must not be called at load time');
      },
    });
    expect(connector.type).toBe(ConnectorType.Sms);
    expect(connector.metadata).toBe(metadata);
  });

  it('ships the logo and both READMEs, and package.json lists exactly them with lib', async () => {
    expect(await readFile(packageFile('logo.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    for (const readme of ['README.md', 'README.zh-CN.md']) {
      expect((await readFile(packageFile(readme), 'utf8')).length).toBeGreaterThan(2000);
    }
    const manifest = JSON.parse(await readFile(packageFile('package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.files).toEqual(['lib', 'README.md', 'README.zh-CN.md', 'logo.svg']);
    expect(Object.keys(manifest.dependencies as object).sort()).toEqual([
      '@logto/connector-kit',
      '@silverhand/essentials',
      'got',
      'zod',
    ]);
  });
});
