// The PeerJS signaling server (npm "peer") on loopback, as the benchmark's reference point.
// Usage: node peerjs-server.mjs <port>
import { PeerServer } from 'peer';

const port = Number(process.argv[2]);
const server = PeerServer({
  host: '127.0.0.1',
  port,
  path: '/',
  key: 'peerjs',
  concurrent_limit: 100000, // the default (5000) would refuse the idle-socket scenario
  alive_timeout: 120000, // longer than the 60 s idle hold (the default 90 s would also do)
});
server.on('error', (error) => console.error(`peerjs: ${error.message}`));
process.on('SIGTERM', () => process.exit(0));
console.log(`PeerJS server listening on 127.0.0.1:${port}`);
