// Metadata checks every connector shares (connectorMetadataGuard, en + zh-CN, a described form item
// per config key) live in the contract suite, tests/contract/; these are the Aliyun-specific ones.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ConnectorConfigFormItemType, ConnectorType } from '@logto/connector-kit';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';

import { configGuard, aliyunSmsConfigObject } from '../src/config.js';
import createConnector, { metadata } from '../src/index.js';

const packageDirectory = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

describe('metadata', () => {
  it('has its own id (never the official one) and the Aliyun target', () => {
    expect(metadata.id).toBe('logto-sms-aliyun');
    expect(metadata.id).not.toBe('aliyun-short-message-service');
    expect(metadata.target).toBe('aliyun-sms');
    expect(metadata.platform).toBeNull();
    expect(metadata.readme).toBe('./README.md');
    expect(metadata.logo).toBe('./logo.svg');
    expect(metadata.logoDark).toBeNull();
  });

  it('names and describes itself in English and Chinese', () => {
    expect(metadata.name).toMatchObject({
      en: 'Aliyun SMS (logto-sms)',
      'zh-CN': '阿里云短信（logto-sms）',
    });
    expect(metadata.description.en).toMatch(
      /^Sends verification codes through Alibaba Cloud Short Message Service/
    );
    expect(metadata.description['zh-CN']).toMatch(/^通过阿里云短信服务发送验证码/);
  });

  it('has one described form item per config key; secrets are confidential', () => {
    const formItems = metadata.formItems ?? [];
    expect(formItems.map(({ key }) => key).sort()).toEqual(
      Object.keys(aliyunSmsConfigObject.schema.shape).sort()
    );
    for (const item of formItems) {
      expect(item.description?.length, item.key).toBeGreaterThan(30);
    }
    const confidential = formItems
      .filter(({ isConfidential }) => isConfidential)
      .map(({ key }) => key);
    expect(confidential.sort()).toEqual(['accessKeySecret', 'securityToken']);
    const algorithm = formItems.find(({ key }) => key === 'signatureAlgorithm');
    expect(algorithm?.type).toBe(ConnectorConfigFormItemType.Select);
  });

  it('ships the logo and both READMEs', async () => {
    const logo = await readFile(path.join(packageDirectory, 'logo.svg'), 'utf8');
    expect(logo).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    for (const readme of ['README.md', 'README.zh-CN.md']) {
      expect((await readFile(path.join(packageDirectory, readme), 'utf8')).length).toBeGreaterThan(
        2000
      );
    }
  });
});

describe('createConnector', () => {
  it('neither reads config nor touches the network when Logto loads it', async () => {
    nock.disableNetConnect();
    const getConfig = vi.fn(async () => {
      throw new Error('config is not available at load time');
    });
    const watch: unknown[] = [];
    const listener = (request: unknown) => watch.push(request);
    nock.emitter.on('no match', listener);
    // A request to Aliyun itself would match this interceptor instead of showing up as "no match".
    const aliyun = nock('https://dysmsapi.aliyuncs.com')
      .post(/.*/)
      .reply(200, {})
      .get(/.*/)
      .reply(200, {});
    const connector = await createConnector({ getConfig });
    nock.emitter.removeListener('no match', listener);

    expect(getConfig).not.toHaveBeenCalled();
    expect(watch).toEqual([]);
    expect(aliyun.isDone()).toBe(false);
    expect(aliyun.pendingMocks()).toHaveLength(2);
    nock.cleanAll();
    expect(connector.type).toBe(ConnectorType.Sms);
    expect(connector.metadata).toBe(metadata);
    expect(connector.configGuard).toBe(configGuard);
    expect(typeof connector.sendMessage).toBe('function');
  });
});
