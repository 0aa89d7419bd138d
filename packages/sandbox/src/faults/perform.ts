import type { ServerResponse } from 'node:http';

import type { IncomingCall } from '../server/incoming-call.js';
import type { Lifecycle } from '../server/lifecycle.js';
import type { ProviderEndpoint } from '../server/provider-endpoint.js';
import type { Reply } from '../server/reply.js';
import type { DeliveryOutcome, FaultSpec } from '../types.js';

export const defaultDelayMs = 1000;
/** A common China Mobile receipt for an unreachable number. */
export const defaultFailedCarrierCode = 'MK:0001';
export const defaultDripIntervalMs = 500;
export const defaultHugeBytes = 5 * 1024 * 1024;
/** "Forever-ish": a drip gives up after an hour so a forgotten sandbox does not hold sockets for ever. */
const maxDripMs = 60 * 60 * 1000;

// Alibaba's edge is Tengine; a gateway failure there looks like this, not like the API's JSON.
const gatewayPage =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n';

const send = (res: ServerResponse, reply: Reply): void => {
  res.writeHead(reply.status, {
    'content-length': Buffer.byteLength(reply.body),
    ...reply.headers,
  });
  res.end(reply.body);
};

const json = 'application/json;charset=utf-8';

/** Streams a JSON document of exactly `size` bytes (valid JSON when size >= 14), respecting backpressure. */
const sendHuge = (res: ServerResponse, size: number): void => {
  const head = '{"padding":"';
  const tail = '"}';
  const framed = size >= head.length + tail.length;
  let remaining = framed ? size - head.length - tail.length : size;
  res.writeHead(200, { 'content-type': json, 'content-length': size });
  if (framed) {
    res.write(head);
  }
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = () => {
    while (remaining > 0 && !res.destroyed) {
      const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
      remaining -= piece.length;
      if (!res.write(piece)) {
        return void res.once('drain', pump);
      }
    }
    if (!res.destroyed) {
      res.end(framed ? tail : undefined);
    }
  };
  pump();
};

const drip = (res: ServerResponse, intervalMs: number, lifecycle: Lifecycle): void => {
  res.on('error', () => {});
  res.writeHead(200, { 'content-type': json });
  res.flushHeaders();
  const startedAt = Date.now();
  // JSON allows leading whitespace, so a client only learns it is stuck from its own timeout.
  const stop = lifecycle.every(intervalMs, () => {
    if (Date.now() - startedAt > maxDripMs) {
      stop();
      res.destroy();
    } else if (!res.destroyed) {
      res.write(' ');
    }
  });
  res.once('close', stop);
};

/** The carrier outcome a delivery fault asks for. */
export const deliveryOutcome = (fault: FaultSpec): DeliveryOutcome =>
  fault.kind === 'delivery-failed'
    ? { state: 'failed', carrierCode: String(fault.code ?? defaultFailedCarrierCode) }
    : { state: 'waiting' };

/**
 * Answers a faulted request. `delay` is not handled here: the server waits, then handles the call
 * normally, because a delayed message must still be delivered.
 */
export const performFault = (
  fault: FaultSpec,
  endpoint: ProviderEndpoint,
  call: IncomingCall,
  res: ServerResponse,
  lifecycle: Lifecycle
): void => {
  switch (fault.kind) {
    case 'error': {
      send(res, endpoint.faultError(fault, call));
      return;
    }
    case 'hang': {
      // Accept and never answer: the socket stays open until the client gives up or close().
      return;
    }
    case 'drip': {
      drip(res, fault.intervalMs ?? defaultDripIntervalMs, lifecycle);
      return;
    }
    case 'reset': {
      res.socket?.resetAndDestroy();
      return;
    }
    case 'html502': {
      send(res, {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: gatewayPage,
      });
      return;
    }
    case 'truncated': {
      const sample = endpoint.successSample(call);
      send(res, {
        status: 200,
        headers: { 'content-type': json },
        body: sample.slice(0, Math.floor(sample.length / 2)),
      });
      return;
    }
    case 'non-json': {
      send(res, {
        status: 200,
        headers: { 'content-type': 'text/plain;charset=utf-8' },
        body: 'Service is temporarily unavailable, please try again later.',
      });
      return;
    }
    case 'empty': {
      send(res, { status: 200, headers: { 'content-type': json }, body: '' });
      return;
    }
    case 'unknown-shape': {
      send(res, { status: 200, headers: { 'content-type': json }, body: '{"foo":1}' });
      return;
    }
    case 'huge': {
      sendHuge(res, fault.sizeBytes ?? defaultHugeBytes);
      return;
    }
    case 'delay':
    case 'delivery-failed':
    case 'delivery-waiting': {
      throw new Error(`${fault.kind} faults are handled by the server`);
    }
  }
};
