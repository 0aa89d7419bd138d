/**
 * The Management API as the Console uses it: a token from the admin tenant's `m-default`
 * machine-to-machine app, then JSON calls on `<endpoint>/api/…`.
 */
import { fieldOf } from '../../support/values.js';

import type { LogtoEndToEndEnvironment } from './environment.js';

export type ApiResponse = { status: number; body: unknown; text: string };

export type ManagementApi = {
  call: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
  /** Like `call`, but throws unless the status is 2xx; answers the parsed body. */
  ok: (method: string, path: string, body?: unknown) => Promise<unknown>;
};

const readResponse = async (response: Response): Promise<ApiResponse> => {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text
  }
  return { status: response.status, body, text };
};

export const connectManagementApi = async (
  environment: LogtoEndToEndEnvironment
): Promise<ManagementApi> => {
  const tokenResponse = await fetch(`${environment.adminEndpoint}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`m-default:${environment.managementSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: 'https://default.logto.app/api',
      scope: 'all',
    }),
  });
  const token: unknown = await tokenResponse.json();
  const accessToken = fieldOf(token, 'access_token');
  if (typeof accessToken !== 'string' || !accessToken) {
    throw new Error(
      `no Management API token: HTTP ${tokenResponse.status} ${JSON.stringify(token)}`
    );
  }

  const call = async (method: string, path: string, body?: unknown) =>
    readResponse(
      await fetch(`${environment.endpoint}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    );

  return {
    call,
    ok: async (method: string, path: string, body?: unknown) => {
      const response = await call(method, path, body);
      if (response.status < 200 || response.status > 299) {
        throw new Error(`${method} ${path}: HTTP ${response.status} ${response.text}`);
      }
      return response.body;
    },
  };
};
