import type { ServerResponse } from 'node:http';

import type { IncomingCall } from '../server/incoming-call.js';
import type { Lifecycle } from '../server/lifecycle.js';
import type { ProviderEndpoint } from '../server/provider-endpoint.js';
import { sendReply } from '../server/reply.js';
import type { DeliveryOutcome, FaultKind, FaultSpec } from '../types.js';

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

const json = 'application/json;charset=utf-8';

/** Streams a JSON document of exactly `size` bytes (valid JSON when size >= 14), respecting backpressure. */
const sendHuge = (response: ServerResponse, size: number): void => {
  const head = '{"padding":"';
  const tail = '"}';
  const framed = size >= head.length + tail.length;
  let remaining = framed ? size - head.length - tail.length : size;
  response.writeHead(200, { 'content-type': json, 'content-length': size });
  if (framed) {
    response.write(head);
  }
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = () => {
    while (remaining > 0 && !response.destroyed) {
      const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
      remaining -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) {
      response.end(framed ? tail : undefined);
    }
  };
  pump();
};

const drip = (response: ServerResponse, intervalMs: number, lifecycle: Lifecycle): void => {
  response.on('error', () => {
    // The client gives up mid-drip by design; 'close' stops the timer.
  });
  response.writeHead(200, { 'content-type': json });
  response.flushHeaders();
  const startedAt = Date.now();
  // JSON allows leading whitespace, so a client only learns it is stuck from its own timeout.
  const stop = lifecycle.repeat(intervalMs, () => {
    if (Date.now() - startedAt > maxDripMs) {
      stop();
      response.destroy();
    } else if (!response.destroyed) {
      response.write(' ');
    }
  });
  response.once('close', stop);
};

/** The carrier outcome a delivery fault asks for. */
export const deliveryOutcome = (fault: FaultSpec): DeliveryOutcome =>
  fault.kind === 'delivery-failed'
    ? { state: 'failed', carrierCode: String(fault.code ?? defaultFailedCarrierCode) }
    : { state: 'waiting' };

/** The request a fault takes over. */
export type FaultedRequest = {
  endpoint: ProviderEndpoint;
  call: IncomingCall;
  response: ServerResponse;
  lifecycle: Lifecycle;
};

type Performer = (fault: FaultSpec, request: FaultedRequest) => void;

const handledByServer: Performer = (fault) => {
  throw new Error(`${fault.kind} faults are handled by the server`);
};

const performers: Record<FaultKind, Performer> = {
  error(fault, { endpoint, call, response }) {
    sendReply(response, endpoint.faultError(fault, call));
  },
  hang() {
    // Accept and never answer: the socket stays open until the client gives up or close().
  },
  drip(fault, { response, lifecycle }) {
    drip(response, fault.intervalMs ?? defaultDripIntervalMs, lifecycle);
  },
  reset(_fault, { response }) {
    response.socket?.resetAndDestroy();
  },
  html502(_fault, { response }) {
    sendReply(response, {
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: gatewayPage,
    });
  },
  truncated(_fault, { endpoint, call, response }) {
    const sample = endpoint.successSample(call);
    sendReply(response, {
      status: 200,
      headers: { 'content-type': json },
      body: sample.slice(0, Math.floor(sample.length / 2)),
    });
  },
  'non-json'(_fault, { response }) {
    sendReply(response, {
      status: 200,
      headers: { 'content-type': 'text/plain;charset=utf-8' },
      body: 'Service is temporarily unavailable, please try again later.',
    });
  },
  empty(_fault, { response }) {
    sendReply(response, { status: 200, headers: { 'content-type': json }, body: '' });
  },
  'unknown-shape'(_fault, { response }) {
    sendReply(response, { status: 200, headers: { 'content-type': json }, body: '{"foo":1}' });
  },
  huge(fault, { response }) {
    sendHuge(response, fault.sizeBytes ?? defaultHugeBytes);
  },
  delay: handledByServer,
  'delivery-failed': handledByServer,
  'delivery-waiting': handledByServer,
};

/**
 * Answers a faulted request. `delay` is not handled here: the server waits, then handles the call
 * normally, because a delayed message must still be delivered.
 */
export const performFault = (fault: FaultSpec, request: FaultedRequest): void => {
  performers[fault.kind](fault, request);
};
