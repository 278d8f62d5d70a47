// Preloaded with `node --import ./test/support/loopback.mjs <server>`: a server that calls
// listen(port) without naming a host would listen on every interface; this makes it listen on
// 127.0.0.1 instead (or on HOST when that is set), so a development server is never reachable
// from the network by accident. y-webrtc's bin/server.js is such a server.
import net from 'node:net';

const host = process.env.HOST || '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const [first, second] = args;
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (isPort && typeof second !== 'string') return listen.call(this, Number(first), host, ...args.slice(1));
  if (first && typeof first === 'object' && !Array.isArray(first) && first.port !== undefined && first.host === undefined && first.path === undefined)
    return listen.call(this, { ...first, host }, ...args.slice(1));
  return listen.apply(this, args);
};
