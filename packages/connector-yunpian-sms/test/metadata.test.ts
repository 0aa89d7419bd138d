// Metadata checks every connector shares (connectorMetadataGuard, en + zh-CN, a described form item
// per config key) live in the contract suite, tests/contract/; these are the YunPian-specific ones.
import { parseConfig } from '@logto-sms/sms-core';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { ConnectorType, ConnectorConfigFormItemType } from '@logto/connector-kit';
import { describe, expect, test } from 'vitest';

import { configGuard } from '../src/config.js';
import createConnector from '../src/index.js';
import { metadata } from '../src/metadata.js';

import { allUsageTypes, apikey } from './helpers.js';

const packageFile = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));

describe('metadata', () => {
  test('has its own id (never the official "yunpian-sms") and the YunPian target', () => {
    expect(metadata.id).toBe('logto-sms-yunpian');
    expect(metadata.target).toBe('yunpian-sms');
    expect(metadata.platform).toBeNull();
  });

  test('is named and described in English and Chinese', () => {
    expect(metadata.name).toMatchObject({
      en: 'YunPian SMS (logto-sms)',
      'zh-CN': '云片短信（logto-sms）',
    });
    expect(metadata.description.en).toMatch(
      /^Sends verification codes through YunPian \(云片\) SMS/
    );
    expect(metadata.description['zh-CN']).toMatch(/^通过云片短信发送验证码/);
  });

  test('points at files the package ships', () => {
    expect(metadata.logo).toBe('./logo.svg');
    expect(metadata.logoDark).toBeNull();
    expect(metadata.readme).toBe('./README.md');
    expect(readFileSync(packageFile('logo.svg'), 'utf8')).toMatch(
      /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/
    );
    expect(existsSync(packageFile('README.md'))).toBe(true);
    expect(existsSync(packageFile('README.zh-CN.md'))).toBe(true);
    const { files } = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as {
      files: string[];
    };
    expect(files).toEqual(
      expect.arrayContaining(['lib', 'README.md', 'README.zh-CN.md', 'logo.svg'])
    );
  });

  test('has exactly one described form item per config key', () => {
    const keys = Object.keys(configGuard.schema.shape);
    const items = metadata.formItems ?? [];
    expect(items.map(({ key }) => key).sort()).toEqual([...keys].sort());
    expect(Object.fromEntries(items.map(({ key, label }) => [key, label]))).toEqual({
      apikey: 'API key (APIKEY)',
      allowedCountries: 'Allowed countries',
      templates: 'Templates',
      enableInternational: 'Send to international numbers',
      unsupportedCountriesMsg: 'Message for refused international numbers',
      endpoint: 'Endpoint',
      strictPhoneRegionNumberCheck: 'Strict phone region check',
      timeout: 'Timeout (ms)',
    });
    for (const item of items) {
      expect(item.description?.length ?? 0, item.key).toBeGreaterThan(40);
    }
  });

  test('marks apikey confidential and required, templates as required JSON', () => {
    const byKey = new Map((metadata.formItems ?? []).map((item) => [item.key, item]));
    expect(byKey.get('apikey')).toMatchObject({
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      required: true,
    });
    expect(byKey.get('apikey')?.description).toMatch(/32 hexadecimal/);
    expect(byKey.get('templates')).toMatchObject({
      type: ConnectorConfigFormItemType.Json,
      required: true,
    });
    expect(byKey.get('enableInternational')).toMatchObject({
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
    });
    expect(byKey.get('strictPhoneRegionNumberCheck')).toMatchObject({
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: true,
    });
    expect(byKey.get('endpoint')?.description).toMatch(/us\.yunpian\.com/);
    expect(byKey.get('timeout')).toMatchObject({
      type: ConnectorConfigFormItemType.Number,
      defaultValue: 10_000,
    });
  });

  test('form defaults make a valid config once an apikey is typed in', () => {
    const defaults = Object.fromEntries(
      (metadata.formItems ?? [])
        .filter((item) => item.defaultValue !== undefined)
        .map((item) => [item.key, item.defaultValue])
    );
    const parsed = parseConfig(configGuard, { ...defaults, apikey });
    expect(parsed.templates.map(({ usageType }) => usageType).sort()).toEqual(
      [...allUsageTypes].sort()
    );
  });
});

describe('createConnector', () => {
  test('builds the connector without reading config or touching the network', async () => {
    const connector = await createConnector({
      getConfig: async () => {
        throw new Error('getConfig must not be called at load time');
      },
    });
    expect(connector.type).toBe(ConnectorType.Sms);
    expect(connector.metadata).toBe(metadata);
    expect(connector.configGuard).toBe(configGuard);
    expect(typeof connector.sendMessage).toBe('function');
  });
});
