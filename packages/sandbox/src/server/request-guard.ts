import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Who may talk to the sandbox. Its control API arms faults, reads codes and clears the inbox, and
 * any web page the developer visits can aim requests at 127.0.0.1: directly (a cross-site form
 * POST carries an Origin) or through DNS rebinding (a name the attacker controls, re-pointed at
 * 127.0.0.1, arrives with that name as Host). So every request must name this machine in Host and,
 * when a browser sent it, come from the sandbox's own origin.
 */
export type RequestGuard = (request: IncomingMessage) => string | undefined;

const wildcardAddresses = new Set(['0.0.0.0', '::', '']);

/** `localhost`, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). */
export const isLoopbackHost = (name: string): boolean => {
  const host = normalizeHostName(name);
  if (host === 'localhost') {
    return true;
  }
  if (isIP(host) === 4) {
    return host.startsWith('127.');
  }
  if (isIP(host) === 6) {
    return host === '::1' || host.startsWith('::ffff:127.');
  }
  return false;
};

/** Lowercase, without IPv6 brackets or the trailing dot of a fully qualified name. */
const normalizeHostName = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');

/** The name part of a Host header value (`name`, `name:port`, `[v6]:port`); undefined if malformed. */
const hostNameOf = (header: string): string | undefined => {
  const name = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header.trim())?.[1];
  return name === undefined ? undefined : normalizeHostName(name);
};

/** Every address of this machine, for a sandbox bound to a wildcard address. */
const localAddresses = (): string[] =>
  Object.values(networkInterfaces()).flatMap((entries) =>
    (entries ?? []).map((entry) => normalizeHostName(entry.address))
  );

export const createRequestGuard = (options: {
  boundHost: string;
  allowedHosts?: readonly string[];
}): RequestGuard => {
  const bound = normalizeHostName(options.boundHost);
  // An IP literal cannot be re-pointed by DNS, so every local address is safe to answer to.
  const named = new Set([
    bound,
    ...(wildcardAddresses.has(bound) ? localAddresses() : []),
    ...(options.allowedHosts ?? []).map((name) => normalizeHostName(name)),
  ]);
  const isAllowed = (name: string) => isLoopbackHost(name) || named.has(name);

  return (request) => {
    const host = request.headers.host ?? '';
    const name = hostNameOf(host);
    if (name === undefined || !isAllowed(name)) {
      return `Host "${host}" is not this sandbox; allow another name with --allow-host (option allowedHosts)`;
    }
    const { origin } = request.headers;
    // Browsers send Origin on cross-site requests and on same-origin writes; the inbox page's own
    // requests come from http://<the Host it was loaded from>.
    if (origin !== undefined && origin.toLowerCase() !== `http://${host.trim().toLowerCase()}`) {
      return `Origin "${origin}" may not use the sandbox; only pages it serves itself may`;
    }
    return undefined;
  };
};

/** `application/json`, any case, with or without parameters. */
export const isJsonContentType = (header: string | undefined): boolean => {
  const [mediaType = ''] = (header ?? '').split(';', 1);
  return mediaType.trim().toLowerCase() === 'application/json';
};
