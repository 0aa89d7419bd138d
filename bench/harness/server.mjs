// Child process: the emulator (packages/sandbox, as built into lib/) plus a TLS front.
//
// The emulator only speaks HTTP. The TLS front is a TLS-terminating TCP relay on 127.0.0.1: each
// accepted TLS connection gets its own upstream TCP connection to the emulator, and bytes are piped
// both ways, so HTTP keep-alive is preserved end to end. Every HTTPS row of the table (floor, ours,
// official) pays the same relay hop.
//
// The emulator's request log (one line per provider request, built by the emulator whether or not
// a sink is attached) is used to count accepted sends, so the parent can check that every timed
// send really was accepted — including the official connectors' sends.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

import { defaultSandboxConfig, startSandbox } from '../../packages/sandbox/lib/index.js';
import { connectors, emulatorLogOf } from '../connectors.mjs';

const [keyFile, certFile] = process.argv.slice(2);

// Keyed by the provider name in the emulator's log (Aliyun MAS sends are logged under `aliyun`).
const counts = Object.fromEntries(
  connectors.map(({ provider }) => [emulatorLogOf(provider), { ok: 0, other: 0 }])
);
const rejected = [];

const sandbox = await startSandbox({
  config: {
    // Flow control would (correctly) refuse thousands of codes to one number.
    rateLimits: { enabled: false },
    // The default balances would run out after 1,000 YunPian sends.
    yunpian: {
      accounts: defaultSandboxConfig.yunpian.accounts.map((account) => ({
        ...account,
        balance: 1e12,
      })),
    },
  },
  log(line) {
    // `<iso> <provider> <METHOD> <path> <status> <summary…> <n>ms`
    const fields = line.split(' ');
    const [provider, status, summary] = [fields[1], fields[4], fields[5]];
    const bucket = counts[provider];
    if (!bucket) {
      return;
    }
    if (status === '200' && summary === 'OK') {
      bucket.ok += 1;
    } else {
      bucket.other += 1;
      if (rejected.length < 5) {
        rejected.push(line);
      }
    }
  },
});

const front = tls.createServer(
  { key: readFileSync(keyFile), cert: readFileSync(certFile), noDelay: true },
  (clear) => {
    const upstream = net.connect({ host: '127.0.0.1', port: sandbox.port, noDelay: true });
    const destroyBoth = () => {
      clear.destroy();
      upstream.destroy();
    };
    clear.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    clear.on('close', destroyBoth);
    upstream.on('close', destroyBoth);
    clear.pipe(upstream);
    upstream.pipe(clear);
  }
);
front.on('tlsClientError', () => {});
await new Promise((resolve) => {
  front.listen(0, '127.0.0.1', resolve);
});

let cpuSince = process.cpuUsage();

process.on('message', async (message) => {
  if (message.type === 'counts') {
    const cpu = process.cpuUsage(cpuSince);
    cpuSince = process.cpuUsage();
    process.send({
      type: 'counts',
      counts: structuredClone(counts),
      rejected: rejected.splice(0),
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
    for (const bucket of Object.values(counts)) {
      bucket.ok = 0;
      bucket.other = 0;
    }
  } else if (message.type === 'close') {
    front.close();
    await sandbox.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));

process.send({ type: 'ready', emulatorPort: sandbox.port, tlsPort: front.address().port });
