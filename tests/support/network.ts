/**
 * Network isolation for test files that use nock: no request may leave the machine (loopback
 * servers stay reachable), every request no interceptor matched is recorded, and every loopback
 * server a test started is closed after it.
 */
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';

import { closeLoopbackServers } from './loopback.js';

/** Requests no nock interceptor matched (`METHOD url`); `isolateNetworkPerTest` empties it before each test. */
export const unmatchedRequests: string[] = [];

nock.emitter.on('no match', (request: { method?: string; path?: string; href?: string }) => {
  unmatchedRequests.push(`${request.method ?? '?'} ${request.href ?? request.path ?? '?'}`);
});

/** Registers the `beforeEach`/`afterEach` hooks; call once at the top of a test file. */
export const isolateNetworkPerTest = (): void => {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    unmatchedRequests.length = 0;
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await closeLoopbackServers();
  });
};

/**
 * A Node-style connection error for nock's `replyWithError`. nock 14 only emits Error instances; a
 * plain `{ code }` object leaves the request hanging until the timeout.
 */
export const socketError = (code: string): Error =>
  Object.assign(new Error(`${code} (simulated)`), { code });
