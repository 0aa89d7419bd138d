// Child process: the connector's own CPU per send, with got replaced by got-stub (no I/O). Loads the
// connector from a Logto-like install whose node_modules/got is the stub, warms up, then times
// sequential sends. Prints one JSON line.
import { pathToFileURL } from 'node:url';

import { connectorConfig, message, providerOrigin } from './configs.mjs';

const {
  entry,
  implementation,
  provider,
  algorithm,
  warm,
  n: count,
  distinctRecipients = false,
} = JSON.parse(process.argv[2]);
const { default: createConnector } = await import(pathToFileURL(entry).href);
// Ours with the provider's default endpoint, as in the HTTPS rows.
const config = connectorConfig({
  implementation,
  provider,
  algorithm,
  endpoint: implementation === 'ours' ? providerOrigin[provider] : undefined,
});
const connector = await createConnector({ getConfig: async () => config });

// DistinctRecipients (bench/phone-cost.mjs): a different valid mainland number on every send, so the
// phone-number parse is paid every time rather than answered from the last-number memo.
const send = (index) =>
  connector.sendMessage(
    distinctRecipients
      ? { ...message(index), to: `86138${String(index).padStart(8, '0')}` }
      : message(index),
    config
  );
for (let index = 0; index < warm; index += 1) {
  await send(index);
}
const cpu = process.cpuUsage();
const started = performance.now();
for (let index = 0; index < count; index += 1) {
  await send(warm + index);
}
const elapsed = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({ cpuPerSendMs: (used.user + used.system) / 1000 / count, wallPerSendMs: elapsed / count })}\n`
);
