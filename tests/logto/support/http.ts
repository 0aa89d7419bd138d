/** A fetch with a cookie jar and no automatic redirects, as a browser tab on the sign-in page. */
export type JsonResponse = { status: number; body: unknown; text: string; location?: string };

export type Browser = {
  request: (method: string, url: string, body?: unknown) => Promise<JsonResponse>;
};

export const parseBody = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
};

export const createBrowser = (): Browser => {
  const cookies = new Map<string, string>();
  return {
    request: async (method, url, body) => {
      const headers: Record<string, string> = {};
      if (cookies.size > 0) {
        headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      }
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const separator = pair.indexOf('=');
        cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
      }
      const text = await response.text();
      return {
        status: response.status,
        body: parseBody(text),
        text,
        location: response.headers.get('location') ?? undefined,
      };
    },
  };
};
