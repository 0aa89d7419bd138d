import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  ConnectorConfigFormItemType,
  connectorMetadataGuard,
  ConnectorType,
} from '@logto/connector-kit';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';

import { aliyunMasConfigObject, configGuard } from '../src/config.js';
import createConnector, { metadata } from '../src/index.js';

const packageDirectory = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

describe('metadata', () => {
  it("passes connector-kit's guard", () => {
    expect(() => connectorMetadataGuard.parse(metadata)).not.toThrow();
  });

  it('has its own id, never the official aliyun-short-message-auth-service', () => {
    expect(metadata.id).toBe('logto-sms-aliyun-mas');
    expect(metadata.target).toBe('aliyun-sms-mas');
    expect(metadata.platform).toBeNull();
    expect(metadata.logo).toBe('./logo.svg');
    expect(metadata.readme).toBe('./README.md');
  });

  it('says plainly in English and Chinese: no own signature needed, mainland numbers only', () => {
    expect(metadata.name).toEqual({
      en: 'Aliyun Message Authentication (Logto SMS connectors)',
      'zh-CN': '阿里云短信认证（Logto SMS connectors）',
    });
    expect(metadata.description.en).toContain(
      'no own signature needed, mainland China numbers only'
    );
    expect(metadata.description['zh-CN']).toContain('无需自己的签名，仅支持中国内地手机号');
  });

  it('has one described form item per config key; secrets are confidential', () => {
    const formItems = metadata.formItems ?? [];
    expect(formItems.map(({ key }) => key).sort()).toEqual(
      Object.keys(aliyunMasConfigObject.schema.shape).sort()
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
    expect(formItems.find(({ key }) => key === 'signatureAlgorithm')?.type).toBe(
      ConnectorConfigFormItemType.Select
    );
    expect(formItems.find(({ key }) => key === 'codeValidMinutes')?.defaultValue).toBe(10);
  });

  it('ships the logo and both READMEs', async () => {
    expect(await readFile(path.join(packageDirectory, 'logo.svg'), 'utf8')).toMatch(
      /^<svg[\s\S]*<\/svg>\s*$/
    );
    for (const readme of ['README.md', 'README.zh-CN.md']) {
      const text = await readFile(path.join(packageDirectory, readme), 'utf8');
      expect(text, readme).toMatch(/100001/);
      expect(text, readme).toMatch(/codeValidMinutes/);
      expect(text, readme).toMatch(/logto-sms-aliyun\b/);
    }
  });
});

describe('createConnector', () => {
  it('neither reads config nor touches the network when Logto loads it', async () => {
    nock.disableNetConnect();
    const getConfig = vi.fn(async () => {
      throw new Error('config is not available at load time');
    });
    const dypns = nock('https://dypnsapi.aliyuncs.com').post(/.*/).reply(200, {});
    const connector = await createConnector({ getConfig });
    expect(getConfig).not.toHaveBeenCalled();
    expect(dypns.isDone()).toBe(false);
    nock.cleanAll();
    expect(connector.type).toBe(ConnectorType.Sms);
    expect(connector.metadata).toBe(metadata);
    expect(connector.configGuard).toBe(configGuard);
  });
});
