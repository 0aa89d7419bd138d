// The emulator for tests/load/run.mjs, in its own process so that its inbox, nonce store and
// request handling do not count against the connectors' heap and sockets. Talks over IPC:
// 'ready' (with its URL) once listening; answers 'stats'; on 'close' shuts down and exits.
const [sandboxLibrary] = process.argv.slice(2);
const { startSandbox } = await import(sandboxLibrary);

const counts = { requests: 0, accepted: { aliyun: 0, yunpian: 0, tencent: 0 }, refused: 0 };

const sandbox = await startSandbox({
  config: {
    rateLimits: { enabled: false },
    // Only a window of recent messages is kept; `counts` is the full record.
    inbox: { maxMessages: 1000 },
    yunpian: {
      accounts: [
        {
          apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
          balance: 1e9,
          international: true,
          defaultSignature: '【Logto测试】',
        },
      ],
    },
  },
  // "<time> <provider> <method> <path> <status> <summary…> <ms>ms"; summary "OK <numbers>" on success.
  log(line) {
    const fields = line.split(' ');
    const [provider, status, verdict] = [fields[1], fields[4], fields[5]];
    counts.requests += 1;
    if (status === '200' && verdict === 'OK' && Object.hasOwn(counts.accepted, provider)) {
      counts.accepted[provider] += 1;
    } else {
      counts.refused += 1;
    }
  },
});

process.send({ type: 'ready', url: sandbox.url });
process.on('message', async (message) => {
  if (message?.type === 'stats') {
    process.send({ type: 'stats', counts, inbox: sandbox.inbox.count() });
  }
  if (message?.type === 'close') {
    await sandbox.close();
    process.disconnect();
  }
});
