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
export const streamEvents = (res: ServerResponse, inbox: Inbox, lifecycle: Lifecycle): void => {
  res.writeHead(200, {
    'content-type': 'text/event-stream;charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // Long-lived: the client may vanish between a destroy and its 'close' event.
  res.on('error', () => {});
  const write = (text: string) => {
    if (!res.destroyed && !res.writableEnded) {
      res.write(text);
    }
  };
  write('retry: 2000\n: connected\n\n');
  const unsubscribe = inbox.subscribe((event) => {
    write(frame(event));
  });
  const stopHeartbeat = lifecycle.every(heartbeatMs, () => {
    write(': ping\n\n');
  });
  const forgetStream = lifecycle.onClose(() => res.destroy());
  res.once('close', () => {
    unsubscribe();
    stopHeartbeat();
    forgetStream();
  });
};
