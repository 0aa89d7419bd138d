/**
 * An end user signing in or up with a phone number through Logto's Experience API, the calls the
 * sign-in page makes, from the OIDC authorization request to the ID token (authorization code +
 * PKCE). The sign-in page's UI bundle is not needed: these are its HTTP calls.
 */
import { createHash, randomBytes } from 'node:crypto';

import { z } from 'zod';

import { fieldOf } from '../../support/values.js';

import { createBrowser, type Browser, type JsonResponse } from './http.js';

export type InteractionEvent = 'SignIn' | 'Register';

export type PhoneInteraction = {
  /** POST /api/experience/verification/verification-code: asks Logto to send a code. */
  sendCode: () => Promise<JsonResponse>;
  /** Verifies the code, identifies the user, submits, follows the redirects and redeems the code. */
  finish: (verificationId: string, code: string) => Promise<{ idToken: Record<string, unknown> }>;
};

const base64url = (buffer: Buffer) => buffer.toString('base64url');

const decodeJwtPayload = (jwt: string): Record<string, unknown> =>
  z
    .record(z.unknown())
    .parse(JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')));

const submitAnswerGuard = z.object({ redirectTo: z.string() });

const expectStatus = (response: JsonResponse, what: string, allowed: number[]) => {
  if (!allowed.includes(response.status)) {
    throw new Error(`${what}: HTTP ${response.status} ${response.text}`);
  }
};

/** The `verificationId` of Logto's answer to `sendCode`. */
export const verificationIdOf = (sent: JsonResponse): string => {
  const verificationId = fieldOf(sent.body, 'verificationId');
  if (typeof verificationId !== 'string') {
    throw new TypeError(`no verificationId in ${sent.text}`);
  }
  return verificationId;
};

/** Follows Location headers (Logto's interaction → consent → the app's redirect URI). */
const followToRedirectUri = async (
  browser: Browser,
  endpoint: string,
  start: string,
  redirectUri: string
) => {
  let location = start;
  for (let hop = 0; hop < 10; hop += 1) {
    if (location.startsWith(redirectUri)) {
      return new URL(location);
    }
    const response = await browser.request('GET', new URL(location, endpoint).href);
    if (!response.location) {
      throw new Error(
        `GET ${location}: HTTP ${response.status} without a redirect: ${response.text.slice(0, 300)}`
      );
    }
    location = response.location;
  }
  throw new Error('more than 10 redirects before reaching the redirect URI');
};

/**
 * Opens an OIDC authorization request for `appId` and starts an interaction of the given kind.
 * The phone is Logto's digits-only form (country code, no `+`).
 */
export const startPhoneInteraction = async (
  { endpoint, appId, redirectUri }: { endpoint: string; appId: string; redirectUri: string },
  event: InteractionEvent,
  phone: string
): Promise<PhoneInteraction> => {
  const browser = createBrowser();
  const verifier = base64url(randomBytes(32));
  const authorize = new URL(`${endpoint}/oidc/auth`);
  authorize.search = new URLSearchParams({
    client_id: appId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid phone',
    state: base64url(randomBytes(8)),
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    prompt: 'consent',
  }).toString();
  const auth = await browser.request('GET', authorize.href);
  expectStatus(auth, 'GET /oidc/auth', [302, 303]);
  expectStatus(
    await browser.request('PUT', `${endpoint}/api/experience`, { interactionEvent: event }),
    'PUT /api/experience',
    [204]
  );

  const identifier = { type: 'phone', value: phone };
  return {
    sendCode: async () =>
      browser.request('POST', `${endpoint}/api/experience/verification/verification-code`, {
        identifier,
        interactionEvent: event,
      }),
    finish: async (verificationId, code) => {
      const verified = await browser.request(
        'POST',
        `${endpoint}/api/experience/verification/verification-code/verify`,
        {
          identifier,
          verificationId,
          code,
        }
      );
      expectStatus(verified, 'verify the code', [200]);
      // 204 for an existing user, 201 when a sign-up creates one.
      expectStatus(
        await browser.request('POST', `${endpoint}/api/experience/identification`, {
          verificationId,
        }),
        'identification',
        [201, 204]
      );
      const submitted = await browser.request('POST', `${endpoint}/api/experience/submit`);
      expectStatus(submitted, 'submit', [200]);
      const { redirectTo } = submitAnswerGuard.parse(submitted.body);
      const callback = await followToRedirectUri(browser, endpoint, redirectTo, redirectUri);
      const authorizationCode = callback.searchParams.get('code');
      if (!authorizationCode) {
        throw new Error(`no code in ${callback.href}`);
      }
      const tokenResponse = await fetch(`${endpoint}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: authorizationCode,
          redirect_uri: redirectUri,
          client_id: appId,
          code_verifier: verifier,
        }),
      });
      const tokens: unknown = await tokenResponse.json();
      const idToken = fieldOf(tokens, 'id_token');
      if (typeof idToken !== 'string' || !idToken) {
        throw new Error(`no ID token: HTTP ${tokenResponse.status} ${JSON.stringify(tokens)}`);
      }
      return { idToken: decodeJwtPayload(idToken) };
    },
  };
};
