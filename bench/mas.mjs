// `node bench/mas.mjs [--quick]` (after `pnpm build`): the Aliyun MAS connector (SendSmsVerifyCode)
// next to the official @logto/connector-aliyun-sms-mas 1.1.2, against the local emulator.
//
// Same method as run.mjs, reusing its harness: a fresh emulator + TLS front per row
// (harness/server.mjs), one fresh client process per row (harness/client.mjs) whose routing patch
// (harness/route.mjs) sends connections for https://dypnsapi.aliyuncs.com to the TLS front inside
// that process only, with SNI and certificate checks still naming dypnsapi.aliyuncs.com. Both
// connectors run with their default endpoint over HTTPS; every send must be accepted by the
// emulator or the row fails.
//
// Installation: ours is `npm pack`ed into a Logto-like host (only Logto's four packages provided).
// The official connector also imports @logto/shared, which Logto core provides to connectors but
// that host does not, so it runs from bench/node_modules where pnpm resolved its dependencies.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateCertificate, providerHosts } from './harness/cert.mjs';
import { runWithMessage, startServer } from './harness/children.mjs';
import { createLogtoHost, installTarball, packPackage } from './harness/host.mjs';
import { median } from './harness/stats.mjs';

const benchDirectory = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.dirname(benchDirectory);
const quick = process.argv.includes('--quick');
const rounds = quick ? 1 : 3;
const counts = quick ? { warm64: 256, warm1: 100, n1: 300, n64: 600 } : { warm64: 800, warm1: 300, n1: 1000, n64: 2000 };

const log = (line) => process.stderr.write(`${line}\n`);

const temporary = await mkdtemp(path.join(os.tmpdir(), 'logto-sms-bench-mas-'));
try {
  const { keyFile, certFile } = generateCertificate(temporary);
  const host = await createLogtoHost(path.join(temporary, 'logto'), repositoryRoot);
  const packed = packPackage(path.join(repositoryRoot, 'packages', 'connector-aliyun-mas'), temporary);
  const ours = await installTarball(host, packed.tarball);
  const officialEntry = path.join(benchDirectory, 'node_modules', '@logto', 'connector-aliyun-sms-mas', 'lib', 'index.js');

  const rows = [
    { key: 'official (V1, HMAC-SHA1)', kind: 'official', entry: officialEntry },
    { key: 'ours V1 (HMAC-SHA1)', kind: 'ours', algorithm: 'HMAC-SHA1', entry: ours.entry },
    { key: 'ours V3 (ACS3-HMAC-SHA256)', kind: 'ours', algorithm: 'ACS3-HMAC-SHA256', entry: ours.entry },
  ];
  const results = Object.fromEntries(rows.map((row) => [row.key, []]));

  for (let round = 0; round < rounds; round += 1) {
    for (const row of round % 2 === 0 ? rows : [...rows].reverse()) {
      // eslint-disable-next-line no-await-in-loop
      const server = await startServer([keyFile, certFile]);
      let result;
      let accepted;
      try {
        const spec = {
          kind: row.kind,
          provider: 'aliyun-mas',
          algorithm: row.algorithm,
          transport: 'https',
          entry: row.entry,
          counts,
          providerHosts,
          hostCore: host.coreDirectory,
          emulatorPort: server.emulatorPort,
          tlsPort: server.tlsPort,
        };
        // eslint-disable-next-line no-await-in-loop
        result = await runWithMessage('client.mjs', [JSON.stringify(spec)], { env: { NODE_EXTRA_CA_CERTS: certFile } });
        // eslint-disable-next-line no-await-in-loop
        ({ counts: accepted } = await server.counts());
      } finally {
        // eslint-disable-next-line no-await-in-loop
        await server.close();
      }
      // The emulator logs SendSmsVerifyCode under its Aliyun endpoint.
      const bucket = accepted.aliyun;
      const problems = [];
      if (result.failures.count > 0) problems.push(`${result.failures.count} sends failed; first: ${result.failures.first}`);
      if (bucket.ok !== result.sends || bucket.other > 0) problems.push(`emulator accepted ${bucket.ok} of ${result.sends} (${bucket.other} other answers)`);
      if (result.routedConnections === 0) problems.push('no connection went through the TLS front');
      if (problems.length > 0) throw new Error(`${row.key}: ${problems.join('; ')}`);
      results[row.key].push(result);
      log(`  round ${round + 1} ${row.key}: c=1 p50 ${(result.c1.p50 * 1000).toFixed(0)} µs, c=64 ${Math.round(result.c64.perSecond)}/s`);
    }
  }

  const summary = Object.fromEntries(
    Object.entries(results).map(([key, list]) => [
      key,
      {
        c1p50Us: Math.round(median(list.map((item) => item.c1.p50)) * 1000),
        c1p99Us: Math.round(median(list.map((item) => item.c1.p99)) * 1000),
        c1CpuPerSendUs: Math.round(median(list.map((item) => item.c1.cpuPerSendMs)) * 1000),
        c64PerSecond: Math.round(median(list.map((item) => item.c64.perSecond))),
      },
    ])
  );
  const official = summary['official (V1, HMAC-SHA1)'];
  console.log(`Aliyun MAS (SendSmsVerifyCode) over HTTPS to the local emulator, ${os.availableParallelism()} cores, Node ${process.version}, median of ${rounds} round(s)`);
  console.log('| connector | c=1 p50 | c=1 p99 | client CPU/send (c=1) | c=64 sends/s | c=64 vs official |');
  console.log('|---|---|---|---|---|---|');
  for (const [key, row] of Object.entries(summary)) {
    console.log(
      `| ${key} | ${row.c1p50Us} µs | ${row.c1p99Us} µs | ${row.c1CpuPerSendUs} µs | ${row.c64PerSecond.toLocaleString('en-US')}/s | ${(row.c64PerSecond / official.c64PerSecond).toFixed(2)}× |`
    );
  }
  console.log(`ours packed: ${(packed.size / 1024).toFixed(1)} KiB tarball, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked`);
} finally {
  await rm(temporary, { recursive: true, force: true });
}
