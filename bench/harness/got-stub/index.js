// Bench only (see package.json): the parts of got's API the six connectors use, answering every
// request at once with the provider's success body. No socket, no timer, no I/O, so a run measures
// the connector's own work per send: config validation, templating, signing, encoding, answer
// parsing. One difference to keep in mind: the official connectors hand got a `form` object and let
// got encode it, which this stub skips, while ours encode the body themselves (counted here).
export class RequestError extends Error {}
export class HTTPError extends RequestError {}
export class CancelError extends RequestError {}
export class TimeoutError extends RequestError {}

const aliyunBody = JSON.stringify({ RequestId: '00000000-0000-4000-8000-000000000000', Code: 'OK', Message: 'OK', BizId: '900000000000000001^0' });
const yunpianBody = JSON.stringify({ code: 0, msg: '发送成功', count: 1, fee: 0.05, unit: 'RMB', mobile: '13800138000', sid: 30000000001 });
const tencentBody = JSON.stringify({
  Response: { SendStatusSet: [{ SerialNo: '5000:0', PhoneNumber: '+8613800138000', Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: '00000000-0000-4000-8000-000000000000' },
});

const answer = (url, options) => {
  const target = String(typeof url === 'string' || url instanceof URL ? url : (url?.url ?? options?.url));
  const body = target.includes('/v2/sms/single_send.json') ? yunpianBody : target.includes('tencentcloudapi.com') ? tencentBody : aliyunBody;
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
