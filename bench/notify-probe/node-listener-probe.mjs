import pg from '../signaling/node_modules/pg/lib/index.js';
const port = Number(process.argv[2]); const rate = Number(process.argv[3] || 2000); const secs = 8;
const cfg = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
const listener = new pg.Client(cfg); await listener.connect(); await listener.query('LISTEN probe');
const senders = []; for (let i = 0; i < 4; i++) { const c = new pg.Client(cfg); await c.connect(); await c.query("SET synchronous_commit = off"); senders.push(c); }
const lat = [];
listener.on('notification', (n) => { const t = Number(n.payload); lat.push(Number(process.hrtime.bigint() / 1000n) - t); });
const start = Date.now(); let sent = 0;
await new Promise((resolve) => { const tick = () => { const due = Math.floor((Date.now() - start) / 1000 * rate);
  while (sent < due) { const c = senders[sent % 4]; sent++; c.query("SELECT pg_notify('probe', $1)", [String(Number(process.hrtime.bigint() / 1000n))]); }
  if (Date.now() - start > secs * 1000) resolve(); else setTimeout(tick, 1); }; tick(); });
await new Promise((r) => setTimeout(r, 500));
lat.sort((a, b) => a - b); const q = (p) => (lat[Math.floor(p * (lat.length - 1))] / 1000).toFixed(2);
console.log(`rate ${rate}: received ${lat.length}/${sent}, p50 ${q(0.5)} ms p90 ${q(0.9)} ms p99 ${q(0.99)} ms`);
process.exit(0);
