import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sendWithRetryRule } from '../src/http.js';

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the send to fail');
};

describe('sendWithRetryRule error classification (nock)', () => {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each([
    ['ENOTFOUND', false, 2],
    ['EAI_AGAIN', false, 2],
    ['ECONNRESET', true, 1],
    ['EPIPE', true, 1],
  ])('%s: reachedProvider=%s, attempts=%i', async (code, reachedProvider, attempts) => {
    const scope = nock('https://sms.example.com')
      .post('/send')
      .times(attempts)
      .replyWithError(Object.assign(new Error(code), { code }));
    const error = await failureOf(
      sendWithRetryRule({
        timeout: 2000,
        prepare: () => ({ method: 'POST', url: 'https://sms.example.com/send', body: 'a=1' }),
      })
    );
    expect(error).toMatchObject({ kind: 'network', detail: code, reachedProvider, attempts });
    expect(scope.isDone()).toBe(true);
  });

  it('sends the prepared method, headers and body', async () => {
    const scope = nock('https://sms.example.com', {
      reqheaders: { 'x-attempt': '1', 'content-type': 'text/plain' },
    })
      .post('/send', 'hello')
      .reply(200, 'done');
    const response = await sendWithRetryRule({
      timeout: 2000,
      prepare: () => ({
        method: 'POST',
        url: 'https://sms.example.com/send',
        headers: { 'x-attempt': '1', 'content-type': 'text/plain' },
        body: 'hello',
      }),
    });
    expect(response).toMatchObject({ status: 200, body: 'done', attempts: 1 });
    expect(scope.isDone()).toBe(true);
  });
});
