// Bench only (see package.json): the parts of got's API the connectors in ../../connectors.mjs use (ours and official), answering every
// request at once with the provider's success body. No socket, no timer, no I/O, so a run measures
// the connector's own work per send: config validation, templating, signing, encoding, answer
// parsing. One difference to keep in mind: the official connectors hand got a `form` object and let
// got encode it, which this stub skips, while ours encode the body themselves (counted here).
import { connectors } from '../../connectors.mjs';

export class RequestError extends Error {}
export class HTTPError extends RequestError {}
export class CancelError extends RequestError {}
export class TimeoutError extends RequestError {}

// Ours are given the provider's origin in these rows, the official connectors hard-code it.
const bodies = connectors.map((connector) => [connector.origin, JSON.stringify(connector.success)]);

const answer = (url, options) => {
  const target = String(typeof url === 'string' || url instanceof URL ? url : (url?.url ?? options?.url));
  const body = bodies.find(([origin]) => target.startsWith(origin))?.[1];
  if (body === undefined) throw new Error(`got stub: no connector in bench/connectors.mjs sends to ${target}`);
  // The official Tencent connector asks got for a parsed body (responseType 'json').
  const parsed = options?.responseType === 'json' ? JSON.parse(body) : body;
  const response = Promise.resolve({ statusCode: 200, headers: { 'content-type': 'application/json;charset=utf-8' }, body: parsed });
  response.on = () => response;
  response.cancel = () => {};
  return response;
};

const create = () => {
  const instance = (url, options) => answer(url, options);
  instance.post = (url, options) => answer(url, options);
  instance.extend = () => create();
  return instance;
};

export const got = create();
export default got;
