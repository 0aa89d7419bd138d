// The emulator must answer as every host the connector may be pointed at, and no more: a host the
// connector accepts but the sandbox refuses breaks /etc/hosts redirection, and the reverse would
// let the sandbox claim a name Tencent does not serve SMS on. The two lists are written separately
// (the sandbox imports no connector code), so this test is what keeps them equal.
import { describe, expect, it } from 'vitest';

import { tencentSmsHosts } from '../../connector-tencent-sms/src/config.js';
import { tencentApiHosts } from '../src/tencent/hosts.js';

describe('Tencent hosts', () => {
  it("are the connector's endpoint allow-list exactly", () => {
    expect([...tencentApiHosts].sort()).toEqual([...tencentSmsHosts].sort());
  });

  it('are the 14 regional access points, the nearest-access host and the international site', () => {
    expect(tencentApiHosts).toHaveLength(16);
    expect(tencentApiHosts).toEqual(
      expect.arrayContaining([
        'sms.tencentcloudapi.com',
        'sms.intl.tencentcloudapi.com',
        'sms.na-siliconvalley.tencentcloudapi.com',
      ])
    );
  });
});
