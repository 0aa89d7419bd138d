/**
 * Preloaded into Logto core (`node --import`): core calls `server.listen(port)` with no host, i.e.
 * on every interface. The suite must never expose a server beyond loopback, so a listen call that
 * names a port but no host gets 127.0.0.1.
 */
import net from 'node:net';

const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
    return originalListen.call(this, args[0], '127.0.0.1', ...args.slice(1));
  }
  if (args[0] && typeof args[0] === 'object' && 'port' in args[0] && !args[0].host) {
    return originalListen.call(this, { ...args[0], host: '127.0.0.1' }, ...args.slice(1));
  }
  return originalListen.apply(this, args);
};
