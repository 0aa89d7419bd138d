// What the send row sets share: the pre-signed requests for the floor rows, the spec of a client
// process (harness/client.mjs), running one against an emulator, and the delivery check.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { connectorByProvider, emulatorLogOf, providerHosts } from '../connectors.mjs';
import { runWithMessage } from '../harness/children.mjs';

// Pre-signed requests for the floor rows, one set per request variant. Each row runs against a fresh
// emulator (new process, empty nonce store), so one set serves every floor row of every round; it is
// renewed when its timestamps get old (the emulator allows 15 minutes of clock skew for Aliyun;
// a connector's entry may say less).
const defaultCaptureMaxAgeMs = 8 * 60 * 1000;

/** @returns the path of a JSON file of captured requests for `variant`, fresh enough to replay. */
export const captureFor = async (variant, context) => {
  const existing = context.captures.get(variant.id);
  const maxAgeMs = connectorByProvider[variant.provider].captureMaxAgeMs ?? defaultCaptureMaxAgeMs;
  if (existing && Date.now() - existing.at < maxAgeMs) {
    return existing.file;
  }
  const file = path.join(context.temporary, `capture-${variant.id}-${Date.now()}.json`);
  await runWithMessage('capture.mjs', [
    JSON.stringify({
      entry: context.installed[`ours/${variant.provider}`].entry,
      provider: variant.provider,
      algorithm: variant.algorithm,
      count: context.options.captureCount,
      file,
    }),
  ]).catch((error) => {
    if (!existsSync(file)) {
      throw error;
    }
  });
  context.captures.set(variant.id, { file, at: Date.now() });
  return file;
};

/** A timed run only counts if every send was accepted by the emulator, and nothing else was. */
export const deliveryProblems = (result, bucket, rejected) => {
  const problems = [];
  if (result.failures.count > 0) {
    problems.push(`${result.failures.count} sends failed; first: ${result.failures.first}`);
  }
  if (bucket.ok !== result.sends) {
    problems.push(`emulator accepted ${bucket.ok} of ${result.sends} sends`);
  }
  if (bucket.other > 0) {
    problems.push(
      `emulator answered ${bucket.other} requests with something else than OK: ${rejected.join(' | ')}`
    );
  }
  return problems;
};

const profileArguments = (key, directory) =>
  directory
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        path.resolve(directory),
        '--cpu-prof-name',
        `${key.replaceAll('/', '-')}-${Date.now()}.cpuprofile`,
      ]
    : [];

/**
 * One client process against a running emulator; checks that the emulator accepted every send.
 * @throws Error naming the row and every delivery problem.
 */
export const runClient = async ({ key, spec, server, context }) => {
  const result = await runWithMessage(
    'client.mjs',
    [JSON.stringify({ ...spec, emulatorPort: server.emulatorPort, tlsPort: server.tlsPort })],
    {
      env: { NODE_EXTRA_CA_CERTS: context.certFile },
      execArgv: profileArguments(key, context.options.cpuProfileDirectory),
    }
  );
  const { counts: accepted, rejected, cpuMs: serverCpuMs } = await server.counts();
  const bucket = accepted[emulatorLogOf(spec.provider)];
  const problems = deliveryProblems(result, bucket, rejected);
  if (spec.transport === 'https' && result.routedConnections === 0) {
    problems.push('no connection went through the TLS front');
  }
  if (problems.length > 0) {
    throw new Error(`${key}: ${problems.join('; ')}`);
  }
  // Emulator (+ TLS front) CPU per accepted send, warm-up included.
  return { ...result, serverCpuPerSendMs: serverCpuMs / bucket.ok };
};

/** The installed entry of a connector side (`ours`, `official`); floors have none. */
export const entryOf = (kind, provider, context) =>
  kind === 'ours' || kind === 'official'
    ? context.installed[`${kind}/${provider}`].entry
    : undefined;

export const clientSpec = ({ kind, variant, transport, counts }, context) => ({
  kind,
  provider: variant.provider,
  algorithm: variant.algorithm,
  transport,
  counts,
  providerHosts,
  hostCore: context.host.coreDirectory,
  entry: entryOf(kind, variant.provider, context),
});
