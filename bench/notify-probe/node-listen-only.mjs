import pg from '../signaling/node_modules/pg/lib/index.js';
const port = Number(process.argv[2]); const secs = Number(process.argv[3] || 9);
const l = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' }); await l.connect(); await l.query('LISTEN probe');
const lat = [];
l.on('notification', (n) => { const nowUs = (performance.timeOrigin + performance.now()) * 1000; lat.push(nowUs - Number(n.payload)); });
await new Promise((r) => setTimeout(r, secs * 1000));
lat.sort((a, b) => a - b); const q = (p) => (lat[Math.floor(p * (lat.length - 1))] / 1000).toFixed(2);
console.log(`node listener: received ${lat.length}, p50 ${q(0.5)} ms p90 ${q(0.9)} ms p99 ${q(0.99)} ms`); process.exit(0);
