// Child process: captures real signed requests for the floor rows.
//
// The emulator rejects a reused Aliyun SignatureNonce for 31 minutes and has no switch to turn that
// off (packages/sandbox/src/aliyun/nonce-store.ts), so the floor cannot replay one request: it needs
// one distinct, validly signed request per send. This process points OUR installed connector at a
// local recorder that answers like the provider, sends `count` messages, and writes every request
// exactly as it arrived (method, path+query, headers, body) to a JSON file. The floor clients then
// post those bytes to the emulator, so floor and connector rows carry identical requests. YunPian
// requests are captured the same way for symmetry (they carry no nonce). Tencent requests carry a
// signed timestamp the emulator accepts for 5 minutes, so their capture is renewed more often
// (`captureMaxAgeMs` in ../connectors.mjs).
import { writeFileSync } from 'node:fs';
import http from 'node:http';

import { connectorConfig, message, successBody } from './configs.mjs';

process.on('disconnect', () => process.exit(1));
const { entry, provider, algorithm, count, file } = JSON.parse(process.argv[2]);

const hopByHop = new Set(['connection', 'keep-alive', 'content-length', 'transfer-encoding']);
const captured = [];

const replyBody = successBody[provider];

const recorder = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !hopByHop.has(name))
    );
    captured.push({
      method: request.method,
      path: request.url,
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    response.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    response.end(replyBody);
  });
});
await new Promise((resolve) => {
  recorder.listen(0, '127.0.0.1', resolve);
});

const { default: createConnector } = await import(entry);
const config = connectorConfig({
  implementation: 'ours',
  provider,
  algorithm,
  endpoint: `http://127.0.0.1:${recorder.address().port}`,
});
const connector = await createConnector({ getConfig: async () => config });

let next = 0;
const worker = async () => {
  while (next < count) {
    const index = next++;
    await connector.sendMessage(message(index), config);
  }
};
await Promise.all(Array.from({ length: 16 }, worker));
recorder.close();
recorder.closeAllConnections();

if (captured.length !== count) {
  throw new Error(`captured ${captured.length} of ${count} requests`);
}
writeFileSync(file, JSON.stringify(captured));
// eslint-disable-next-line unicorn/no-process-exit -- a bench child script: it ends as soon as the capture is written, whatever handles the connector left open
process.exit(0);
