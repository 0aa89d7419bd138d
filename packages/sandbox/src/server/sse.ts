import type { ServerResponse } from 'node:http';

import type { Inbox, InboxEvent } from '../inbox/inbox.js';

import type { Lifecycle } from './lifecycle.js';

const heartbeatMs = 15_000;

const payload = (event: InboxEvent): unknown =>
  event.type === 'message' ? event.message : event.type === 'refusal' ? event.refusal : {};

const frame = (event: InboxEvent): string =>
  `event: ${event.type}\ndata: ${JSON.stringify(payload(event))}\n\n`;

/**
 * Server-Sent Events: `event: message` with a SandboxMessage as data for every accepted message,
 * `event: refusal` with a SandboxRefusal for every refused request, `event: clear` with `{}` when
 * the inbox is emptied. Comment heartbeats keep proxies from idling out.
 */
export const streamEvents = (
  response: ServerResponse,
  inbox: Inbox,
  lifecycle: Lifecycle
): void => {
  response.writeHead(200, {
    'content-type': 'text/event-stream;charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.on('error', () => {
    // Long-lived: the client may vanish between a destroy and its 'close' event; 'close' cleans up.
  });
  const write = (text: string) => {
    if (!response.destroyed && !response.writableEnded) {
      response.write(text);
    }
  };
  write('retry: 2000\n: connected\n\n');
  const unsubscribe = inbox.subscribe((event) => {
    write(frame(event));
  });
  const stopHeartbeat = lifecycle.repeat(heartbeatMs, () => {
    write(': ping\n\n');
  });
  const forgetStream = lifecycle.onClose(() => response.destroy());
  response.once('close', () => {
    unsubscribe();
    stopHeartbeat();
    forgetStream();
  });
};
