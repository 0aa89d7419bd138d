// Routes the provider hostnames to the local TLS front, inside the calling process only.
//
// The official connectors hard-code https://dysmsapi.aliyuncs.com/,
// https://sms.yunpian.com/v2/sms/single_send.json and https://sms.tencentcloudapi.com/ and send with got through Node's default
// https.globalAgent. Nothing of that is changed: not the URL, not got, not the agent, not the TLS
// verification. What changes is where the TCP socket goes, the way /etc/hosts plus a port forward
// would do it, but without root and without touching the machine:
//
// - `tls.connect` is wrapped: a connection for one of the provider hosts on port 443 is opened to
//   127.0.0.1:<front port> instead, with `servername` kept as the provider host, so SNI and the
//   certificate check still name the provider. (node:https's Agent calls `tls.connect` through the
//   module object, so the wrapper sees every HTTPS connection, whichever agent made it.)
// - The certificate is trusted the ordinary way: the parent starts this process with
//   NODE_EXTRA_CA_CERTS pointing at the throwaway certificate.
// - Fail closed: a TLS connection to any other non-loopback host, or a DNS lookup of any name but
//   localhost, throws. No byte of a bench run can leave 127.0.0.1.
import dns from 'node:dns';
import tls from 'node:tls';

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

export const routeProvidersTo = (frontPort, providerHosts) => {
  const routed = new Set(providerHosts);
  const stats = { routedConnections: 0 };

  const originalConnect = tls.connect;
  tls.connect = function (...args) {
    const options = args.find((argument) => argument !== null && typeof argument === 'object');
    if (options && typeof options.host === 'string') {
      const { host } = options;
      const port = Number(options.port ?? 443);
      if (routed.has(host) && port === 443) {
        stats.routedConnections += 1;
        const rewritten = {
          ...options,
          host: '127.0.0.1',
          port: frontPort,
          servername: options.servername || host,
        };
        return originalConnect.call(
          this,
          rewritten,
          ...args.filter((argument) => typeof argument === 'function')
        );
      }
      if (!loopback.has(host)) {
        throw new Error(
          `bench: refusing a TLS connection to ${host}:${port} (only 127.0.0.1 is allowed)`
        );
      }
    }
    return originalConnect.apply(this, args);
  };

  const originalLookup = dns.lookup;
  dns.lookup = function (hostname, ...rest) {
    if (hostname === 'localhost') {
      return originalLookup.call(this, hostname, ...rest);
    }
    const callback = rest.at(-1);
    const error = Object.assign(
      new Error(`bench: refusing to resolve ${hostname} (only 127.0.0.1 is allowed)`),
      { code: 'ENOTFOUND' }
    );
    process.nextTick(() => callback(error));
    return {};
  };

  return stats;
};
