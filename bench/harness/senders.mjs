// How each kind of row sends one message. Shared by client.mjs (one kind per process) and
// paired.mjs (two kinds alternating in one process). Each sender takes an index; floor senders use
// the captured request with that index, so every index must be used once per emulator.
//
//   floor-got   the captured request, posted with a bare `got(url, { method, headers, body })`
//               (got's defaults: Node's global keep-alive agent)
//   floor-http  the captured request, posted with node:http(s).request and a keep-alive Agent
//               (maxSockets 64), response drained and dropped
//   ours        our connector from the Logto-like install: createConnector → sendMessage
//   official    the official connector from the same install, same calls
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { connectorConfig, message, providerOrigin } from './configs.mjs';

/** HTTP rows go straight to the emulator; HTTPS rows use the provider's real origin (routed). */
export const originFor = ({ transport, provider, emulatorPort }) =>
  transport === 'http' ? `http://127.0.0.1:${emulatorPort}` : providerOrigin[provider];

const capturedRequests = new Map();
const readCapture = (file, needed) => {
  if (!capturedRequests.has(file)) {
    capturedRequests.set(file, JSON.parse(readFileSync(file, 'utf8')));
  }
  const requests = capturedRequests.get(file);
  if (requests.length < needed) {
    throw new Error(`need ${needed} captured requests, have ${requests.length}`);
  }
  return requests;
};

export const createSender = async ({
  kind,
  provider,
  algorithm,
  transport,
  origin,
  entry,
  captureFile,
  hostCore,
  needed,
}) => {
  if (kind === 'ours' || kind === 'official') {
    const { default: createConnector } = await import(pathToFileURL(entry).href);
    const config = connectorConfig({
      implementation: kind,
      provider,
      algorithm,
      endpoint: transport === 'http' ? origin : undefined,
    });
    const connector = await createConnector({ getConfig: async () => config });
    // What Logto does per code: sendMessage(data, config). A rejected send throws for both
    // connectors except the official YunPian one, which resolves with got's response.
    return async (index) => {
      const result = await connector.sendMessage(message(index), config);
      if (result && typeof result.statusCode === 'number' && result.statusCode !== 200) {
        throw new Error(`HTTP ${result.statusCode}`);
      }
    };
  }

  const requests = readCapture(captureFile, needed);

  if (kind === 'floor-got') {
    // The same copy of got the connectors resolve in the Logto-like install.
    const requireFromHost = createRequire(path.join(hostCore, 'index.js'));
    const { got } = await import(pathToFileURL(requireFromHost.resolve('got')).href);
    return async (index) => {
      const { method, path: target, headers, body } = requests[index];
      const response = await got(origin + target, {
        method,
        headers,
        body: body === '' ? undefined : body,
      });
      if (response.statusCode !== 200) {
        throw new Error(`HTTP ${response.statusCode}`);
      }
    };
  }

  if (kind !== 'floor-http') {
    throw new Error(`unknown kind ${kind}`);
  }
  const module = transport === 'http' ? http : https;
  const agent = new module.Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(origin);
  return (index) =>
    new Promise((resolve, reject) => {
      const { method, path: target, headers, body } = requests[index];
      const request = module.request(
        {
          agent,
          host: hostname,
          port: port || undefined,
          method,
          path: target,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.on('data', () => {});
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(new Error(`HTTP ${response.statusCode}`))
          );
          response.on('error', reject);
        }
      );
      request.on('error', reject);
      request.end(body);
    });
};

/**
 * Runs `n` (count) sends with `concurrency` workers; `nextIndex()` hands out request indexes. Returns the
 * latencies (ms), the elapsed wall time (ms) and the process CPU time (ms, all threads).
 */
export const runLoad = async ({ send, n: count, concurrency, nextIndex, failures }) => {
  const latencies = new Float64Array(count);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const slot = next++;
      if (slot >= count) {
        return;
      }
      const index = nextIndex();
      const started = performance.now();
      try {
        await send(index);
      } catch (error) {
        failures.count += 1;
        failures.first ??= String(error?.stack ?? error).slice(0, 800);
      }
      latencies[slot] = performance.now() - started;
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { latencies, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000 };
};
