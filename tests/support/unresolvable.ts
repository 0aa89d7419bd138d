/**
 * A deterministic DNS failure without a single DNS query leaving the machine.
 *
 * The connectors only accept loopback names or the providers' HTTPS hosts as endpoints, and
 * sending queries for made-up names to the configured resolver is not acceptable in a test suite.
 * So `localhost` is made unresolvable for this process: `dns.lookup` (what Node's net module calls
 * to resolve a host name) answers exactly what getaddrinfo answers for an unknown name, ENOTFOUND.
 * Every other name, and IP literals such as the emulator's 127.0.0.1, are untouched. Should Node
 * ever stop going through dns.lookup, `localhost` would simply resolve from /etc/hosts and the
 * DNS cases would fail (connection refused), never leak a query.
 */
import dns from 'node:dns';

type LookupCallback = (error: NodeJS.ErrnoException | null, ...values: unknown[]) => void;

const isLookupCallback = (value: unknown): value is LookupCallback => typeof value === 'function';

const realLookup = dns.lookup;
export const unresolvableName = 'localhost';
/** Names the fake resolver refused, in order. */
export const refusedLookups: string[] = [];

const failingLookup = function (this: unknown, hostname: unknown, ...rest: unknown[]): unknown {
  const callback = rest.at(-1);
  if (hostname === unresolvableName) {
    if (!isLookupCallback(callback)) {
      throw new TypeError('dns.lookup was called without a callback');
    }
    refusedLookups.push(hostname);
    const error: NodeJS.ErrnoException = Object.assign(
      new Error(`getaddrinfo ENOTFOUND ${hostname}`),
      {
        code: 'ENOTFOUND',
        errno: -3008,
        syscall: 'getaddrinfo',
        hostname,
      }
    );
    process.nextTick(callback, error);
    return undefined;
  }
  // The overloads of dns.lookup cannot be called with unchecked arguments; Reflect.apply forwards them.
  const result: unknown = Reflect.apply(realLookup, this, [hostname, ...rest]);
  return result;
};

export const makeLocalhostUnresolvable = () => {
  Reflect.set(dns, 'lookup', failingLookup);
};

export const restoreResolver = () => {
  Reflect.set(dns, 'lookup', realLookup);
};

/** `http://localhost:<port>` for an http:// URL on 127.0.0.1. */
export const unresolvableUrl = (loopbackUrl: string) =>
  loopbackUrl.replace('127.0.0.1', unresolvableName);
