// Signaling benchmark: the hub's /ws/signal against the PeerJS server, same load generator, same machine, one run.
//
// Starts each server as its own process (the hub from its shaded jar, PeerJS with peerjs-server.mjs), samples the
// server's CPU time and RSS from /proc/<pid>/stat and /proc/<pid>/status, and drives these scenarios:
//   relay-5k      100 pairs, 5,000 signals/s in total for --seconds: delivered rate, latency, server CPU per message
//   relay-20k     the same at 20,000 signals/s
//   flat-out      100 pairs, each direction keeps --window signals in flight: the most the server relays
//   idle          --sockets authenticated sockets opened with --concurrency handshakes in flight, then held idle
//                 for --hold seconds: unexpected closes, server RSS per socket, connections/s of that pace
//   stop          only with idle, and last: SIGTERM while the idle sockets are still open, timed until the process
//                 exits (the clients answer the server's close frames)
//   connect       --burst new authenticated sockets at --connect-rate per second (open loop): handshake latency,
//                 after --connect-warmup sockets opened and closed (closed loop, --concurrency in flight) and
//                 --connect-warmup-bursts bursts exactly like the measured one (opened, then closed once all have greeted): the closed
//                 loop alone left the hub's C2 compiler busy for the whole measured burst (1 s of compile per second,
//                 in -XX:+LogCompilation), on the paths only an open-loop burst takes (backlog, refusals, closes)
//   cross-2k      only with --servers cluster: two hub processes on one PostgreSQL (the first hub's embedded one,
//                 the second joined by DATABASE_URL); --pairs pairs with both ends on the first hub, then --pairs
//                 pairs with one end on each hub, each at --cross-rate signals/s in total: the one-instance and the
//                 cross-instance relay in the same run (every signal of the second set crosses the PostgreSQL bus),
//                 each set warmed up for --cross-warmup seconds first: the second hub and the bus path start cold,
//                 and on two cores the JIT compiler is still busy 20 s into the traffic
// Warm-ups are long on purpose (both servers get the same): on two cores the hub's JIT compiler is still busy 20 s
// into new traffic, and a measurement taken then is one of the compiler, not of the relay.
// Latency is measured inside one process (timestamps in the payload), from just before ws.send to the receiving
// socket's message event; it includes the generator's own event-loop delays, for both servers alike. Each relay
// window also reports the share of the machine's CPU time the hypervisor stole (/proc/stat): on this VM, seconds
// with a few per cent of steal are the seconds with most of the slow (> 1 ms) messages, for both servers.
//
// Authentication shortcut for the hub (thousands of sockets): users are inserted straight into the hub's embedded
// PostgreSQL and their access tokens minted with the hub's SECRET_KEY (HS256, the claims the hub issues), instead
// of signing each in through an OAuth provider. The sockets register no node: each speaks as its stable temporary
// id (dpc-node-temp-...), which auth_ok names. RATE_LIMIT_ENABLED=false lifts the per-socket message rate (20/s by
// default), WS_MAX_CONNECTIONS=20000 the socket cap (10,000 by default).
//
// Usage: node bench.mjs [--servers hub,peerjs|cluster] [--scenarios relay-5k,relay-20k,flat-out,idle,connect|cross-2k]
//                       [--seconds 10] [--warmup 30] [--pairs 100] [--window 16] [--sockets 15000]
//                       [--concurrency 64] [--hold 60] [--burst 6000] [--connect-rate 2000] [--connect-warmup 10000]
//                       [--connect-warmup-bursts 6] [--client lean|ws]
//                       [--jar ../../hub-bootstrap/target/dpc-hub.jar] [--json out.json] [--hub-jvm-args "..."]
//                       [--cross-rate 2000] [--cross-warmup 40]

import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { LeanSocket } from './lean-socket.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARGS = parseArgs(process.argv.slice(2), {
  servers: 'hub,peerjs',
  scenarios: 'relay-5k,relay-20k,flat-out,idle,connect',
  seconds: '10',
  warmup: '30',
  pairs: '100',
  window: '16',
  sockets: '15000',
  'connect-rate': '2000',
  hold: '60',
  jar: path.join(HERE, '../../hub-bootstrap/target/dpc-hub.jar'),
  java: process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin/java') : 'java',
  json: '',
  'hub-jvm-args': '',
  burst: '6000',
  'connect-warmup': '10000',
  'connect-warmup-bursts': '6',
  client: 'lean',
  concurrency: '64',
  'cross-rate': '2000',
  'cross-warmup': '40',
});
const SECONDS = Number(ARGS.seconds);
const WARMUP = Number(ARGS.warmup);
const PAIRS = Number(ARGS.pairs);
const WINDOW = Number(ARGS.window);
const SOCKETS = Number(ARGS.sockets);
const CONNECT_RATE = Number(ARGS['connect-rate']);
const HOLD = Number(ARGS.hold);
const BURST = Number(ARGS.burst);
const CONNECT_WARMUP = Number(ARGS['connect-warmup']);
const CONNECT_WARMUP_BURSTS = Number(ARGS['connect-warmup-bursts']);
const CLIENT = ARGS.client;
const CONCURRENCY = Number(ARGS.concurrency);
const CROSS_RATE = Number(ARGS['cross-rate']);
const CROSS_WARMUP = Number(ARGS['cross-warmup']);
const SCENARIOS = new Set(ARGS.scenarios.split(','));
const TICK_HZ = 100; // /proc CPU times are in clock ticks (USER_HZ, 100 on Linux)
const PAGE = 4096;
const LOCAL_ADDRESSES = 50; // client sockets spread over 127.0.0.2 ... 127.0.0.51 (ephemeral ports per address)
// A realistic ICE candidate as the field client sends it; t and seq are the generator's.
const CANDIDATE = {
  candidate: 'candidate:842163049 1 udp 1677729535 198.51.100.23 50312 typ srflx raddr 10.0.0.5 rport 50312 '
    + 'generation 0 ufrag Xq3v network-cost 999',
  sdpMid: '0',
  sdpMLineIndex: 0,
};

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in defaults)) {
      throw new Error(`unknown option --${key}`);
    }
    out[key] = argv[++i];
  }
  return out;
}

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  })]).finally(() => clearTimeout(timer));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// /proc sampling

/** CPU seconds (user + system) and RSS bytes of a process, optionally with all its descendants. */
function procSample(pid, withChildren = false) {
  const pids = withChildren ? [pid, ...descendants(pid)] : [pid];
  let ticks = 0;
  let rss = 0;
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // the process ended
    }
  }
  return { cpu: ticks / TICK_HZ, rss };
}

/** The machine's CPU times from /proc/stat, in ticks: all of them, and those stolen by the hypervisor. */
function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

/** The share of the machine's CPU time the hypervisor took (steal) between two machineTicks() samples. */
function stealShare(before, after) {
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : 0;
}

function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const child of children.get(stack.pop()) ?? []) {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

function loadAverage() {
  return os.loadavg().map((v) => v.toFixed(2)).join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Servers

async function waitForHttp(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.status < 500) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

function spawnServer(command, args, env, name) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => {
    if (!child.stopping) log(`${name} exited unexpectedly (${code ?? signal})\n${output.slice(-3000)}`);
  });
  return { child, output: () => output };
}

/** Stops the process with SIGTERM, or SIGKILL after 30 s (as systemd would); true when it had to be killed. */
async function stopProcess(child) {
  child.stopping = true;
  if (child.exitCode !== null || child.signalCode !== null) return false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(30000)]);
  if (child.exitCode !== null || child.signalCode !== null) return false;
  child.kill('SIGKILL');
  return true;
}

/**
 * Starts the hub's jar. Without `joining`, on its own embedded PostgreSQL with a new secret; with `joining` (a hub
 * started before), as a second instance on that hub's database with the same secret, as a deployment behind a load
 * balancer runs them.
 */
async function startHub(joining = null) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dpc-bench-hub-'));
  const secret = joining ? joining.secret : randomBytes(48).toString('base64');
  const started = now();
  const jvmArgs = ARGS['hub-jvm-args'] ? ARGS['hub-jvm-args'].split(' ') : [];
  const { child, output } = spawnServer(ARGS.java, [...jvmArgs, '-jar', ARGS.jar], {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SECRET_KEY: secret,
    RATE_LIMIT_ENABLED: 'false',
    WS_MAX_CONNECTIONS: '20000',
    ...(joining ? { DATABASE_URL: `jdbc:postgresql://127.0.0.1:${joining.pgPort}/postgres?user=postgres` } : {}),
  }, 'hub');
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(
    new Error(`the hub exited with ${code} while starting:\n${output().slice(-3000)}`))));
  exited.catch(() => {});
  let pgPort;
  try {
    await Promise.race([waitForHttp(`http://127.0.0.1:${port}/health/ready`, 180000), exited]);
    pgPort = joining ? joining.pgPort : Number(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(output())?.[1]);
    if (!pgPort) throw new Error(`no embedded PostgreSQL port in the hub's log:\n${output().slice(-3000)}`);
  } catch (error) {
    await stopProcess(child); // a hub that started but cannot be used must not outlive the run
    throw error;
  }
  log(`hub pid ${child.pid} ready on ${port} in ${(now() - started).toFixed(0)} ms (PostgreSQL on ${pgPort})`);
  const version = (await (await fetch(`http://127.0.0.1:${port}/`)).json()).version;
  return {
    name: 'hub',
    label: `D-PC hub ${version}`,
    pid: child.pid,
    secret,
    pgPort,
    protocol: hubProtocol(port),
    /** The embedded PostgreSQL's postmaster (daemonised, so not a descendant of the JVM); none when joining. */
    databasePid: joining ? null : postmasterPid(dataDir),
    async credentials(count) {
      return insertUsersAndMintTokens(pgPort, secret, count);
    },
    async stop() {
      const killed = await stopProcess(child);
      if (process.env.BENCH_HUB_LOG) writeFileSync(process.env.BENCH_HUB_LOG, output());
      rmSync(dataDir, { recursive: true, force: true });
      return { killed, exitCode: child.exitCode };
    },
  };
}

/** Two hub processes on one PostgreSQL: the first with its embedded database, the second joining it. */
async function startCluster() {
  const a = await startHub();
  let b;
  try {
    b = await startHub(a);
  } catch (error) {
    await a.stop();
    throw error;
  }
  return {
    name: 'cluster',
    label: a.label,
    pid: a.pid,
    protocol: a.protocol,
    a,
    b,
    /** Both hubs and every PostgreSQL process (the bus's work is done there too). */
    sample() {
      const samples = [procSample(a.pid), procSample(b.pid), procSample(a.databasePid, true)];
      return {
        cpu: samples.reduce((sum, x) => sum + x.cpu, 0),
        rss: samples.reduce((sum, x) => sum + x.rss, 0),
        parts: { hubA: samples[0].cpu, hubB: samples[1].cpu, postgres: samples[2].cpu },
      };
    },
    credentials: (count) => a.credentials(count),
    async stop() {
      await b.stop(); // first, so it leaves the directory while the database is still up
      await a.stop();
    },
  };
}

async function startPeerJs() {
  const port = await freePort();
  const { child } = spawnServer(process.execPath, [path.join(HERE, 'peerjs-server.mjs'), String(port)], {}, 'peerjs');
  await waitForHttp(`http://127.0.0.1:${port}/peerjs/id`, 30000);
  const version = JSON.parse(readFileSync(path.join(HERE, 'node_modules/peer/package.json'), 'utf8')).version;
  log(`PeerJS server ${version} pid ${child.pid} ready on ${port}`);
  return {
    name: 'peerjs',
    label: `PeerJS server ${version} (Node ${process.version})`,
    pid: child.pid,
    protocol: peerJsProtocol(port),
    async credentials(count) {
      return Array.from({ length: count }, () => ({ id: randomUUID(), token: randomBytes(8).toString('hex') }));
    },
    stop: () => stopProcess(child),
  };
}

function postmasterPid(dir) {
  for (const entry of readdirSync(dir, { recursive: true })) {
    if (String(entry).endsWith('postmaster.pid')) {
      return Number(readFileSync(path.join(dir, String(entry)), 'utf8').split('\n')[0]);
    }
  }
  return null;
}

/** Inserts {@code count} users into the hub's database and mints an access token for each, as the hub would. */
async function insertUsersAndMintTokens(pgPort, secret, count) {
  const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', database: 'postgres' });
  await client.connect();
  const batch = randomBytes(4).toString('hex');
  const { rows } = await client.query(
    `INSERT INTO users (id, email, provider, created_at)
     SELECT gen_random_uuid(), 'bench-' || $1 || '-' || i || '@example.org', 'oidc', now()
     FROM generate_series(1, $2) AS i RETURNING id`, [batch, count]);
  await client.end();
  const issuedAt = Math.floor(Date.now() / 1000) - 5;
  return rows.map(({ id }) => ({ token: jwt(secret, {
    sub: id, type: 'access', iat: issuedAt, exp: issuedAt + 3600, jti: randomUUID(), iss: 'dpc-hub',
  }) }));
}

function jwt(secret, claims) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Protocols: how to connect, what the greeting is, how a signal is framed and read

function hubProtocol(port) {
  return {
    url: (credential) => `ws://127.0.0.1:${port}/ws/signal?token=${credential.token}`,
    /** The node id the socket speaks as, from its first frame; throws on anything else. */
    greeting(frame) {
      const message = JSON.parse(frame);
      if (message.type !== 'auth_ok') throw new Error(`hub greeted with ${frame}`);
      return message.node_id;
    },
    frame: (target, payload) => JSON.stringify({ type: 'signal', target_node_id: target, payload }),
    /** The payload of a relayed signal, or null for any other frame (counted as an error frame). */
    read(frame) {
      const message = JSON.parse(frame);
      return message.type === 'signal' ? message.payload : null;
    },
  };
}

function peerJsProtocol(port) {
  return {
    url: (credential) => `ws://127.0.0.1:${port}/peerjs?key=peerjs&id=${credential.id}&token=${credential.token}`,
    greeting(frame, credential) {
      const message = JSON.parse(frame);
      if (message.type !== 'OPEN') throw new Error(`PeerJS greeted with ${frame}`);
      return credential.id;
    },
    frame: (target, payload) => JSON.stringify({ type: 'CANDIDATE', dst: target, payload }),
    read(frame) {
      const message = JSON.parse(frame);
      return message.type === 'CANDIDATE' ? message.payload : null;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sockets

let nextLocalAddress = 0;

/**
 * Opens one socket and waits for its greeting. Resolves to a client whose onSignal / onClose can be set; rejects on
 * a refused upgrade, an error or the timeout.
 */
function openSocket(protocol, credential, timeoutMs = 15000) {
  const localAddress = `127.0.0.${2 + (nextLocalAddress++ % LOCAL_ADDRESSES)}`;
  const started = now();
  return new Promise((resolve, reject) => {
    const ws = CLIENT === 'ws'
      ? new WebSocket(protocol.url(credential), { localAddress, handshakeTimeout: timeoutMs })
      : new LeanSocket(protocol.url(credential), { localAddress });
    const client = { ws, id: null, peer: null, handshakeMs: 0, onSignal: null, onClose: null, errors: 0 };
    let greeted = false;
    const timer = setTimeout(() => {
      if (!greeted) {
        ws.terminate();
        reject(new Error('no greeting in time'));
      }
    }, timeoutMs);
    ws.on('message', (data) => {
      if (!greeted) {
        greeted = true;
        clearTimeout(timer);
        try {
          client.id = protocol.greeting(data.toString(), credential);
        } catch (error) {
          reject(error);
          return;
        }
        client.handshakeMs = now() - started;
        resolve(client);
        return;
      }
      client.onSignal?.(data);
    });
    ws.on('unexpected-response', (_, response) => {
      clearTimeout(timer);
      reject(new Error(`upgrade refused with ${response.statusCode}`));
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      if (!greeted) reject(error);
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      if (!greeted) reject(new Error(`closed with ${code} before the greeting`));
      client.onClose?.(code);
    });
  });
}

async function openPairs(server, pairs) {
  const credentials = await server.credentials(pairs * 2);
  const clients = [];
  for (let i = 0; i < credentials.length; i += 50) {
    clients.push(...await Promise.all(credentials.slice(i, i + 50).map((c) => openSocket(server.protocol, c))));
  }
  for (let i = 0; i < clients.length; i += 2) {
    clients[i].peer = clients[i + 1];
    clients[i + 1].peer = clients[i];
  }
  return clients;
}

/** `pairs` pairs with one end on each server (every signal between them crosses from one to the other). */
async function openPairsAcross(first, second, credentials) {
  const clients = [];
  for (let i = 0; i < credentials.length; i += 50) {
    clients.push(...await Promise.all(credentials.slice(i, i + 50)
      .map((c, j) => openSocket(((i + j) % 2 === 0 ? first : second).protocol, c))));
  }
  for (let i = 0; i < clients.length; i += 2) {
    clients[i].peer = clients[i + 1];
    clients[i + 1].peer = clients[i];
  }
  return clients;
}

function closeAll(clients) {
  for (const client of clients) {
    client.onClose = null;
    client.onSignal = null;
    client.ws.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Measurement helpers

class Latencies {
  constructor(capacity) {
    this.values = new Float64Array(capacity);
    this.sentAt = new Float64Array(capacity);
    this.count = 0;
  }

  /** One message's latency, and when it was sent (for grouping by second). */
  add(ms, sentAt = NaN) {
    if (this.count < this.values.length) {
      this.sentAt[this.count] = sentAt;
      this.values[this.count++] = ms;
    }
  }

  summary() {
    return Latencies.summarise(this.values.slice(0, this.count));
  }

  /** The summary of the messages sent at a time `keep(sentAt)` accepts. */
  summaryWhere(keep) {
    const kept = [];
    for (let i = 0; i < this.count; i++) if (keep(this.sentAt[i])) kept.push(this.values[i]);
    return Latencies.summarise(Float64Array.from(kept));
  }

  static summarise(values) {
    const sorted = values.sort();
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
    return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: at(1 - 1e-12) };
  }
}

/** Steal below this share of a second makes it a quiet second (the hypervisor took under 10 ms of its 2 s of CPU). */
const QUIET_STEAL = 0.005;

/** Counts what arrives on every client, and the latency of what was sent inside the measurement window. */
function instrument(server, clients, latencies, onDelivered) {
  const state = { received: 0, errors: 0, measuring: false, windowReceived: 0 };
  for (const client of clients) {
    client.onSignal = (data) => {
      const arrived = now();
      const payload = server.protocol.read(data.toString());
      if (!payload) {
        state.errors++;
        return;
      }
      state.received++;
      if (state.measuring) {
        state.windowReceived++;
        latencies.add(arrived - payload.t, payload.t);
      }
      onDelivered?.(client.peer);
    };
  }
  return state;
}

function payload(seq) {
  return { type: 'ice-candidate', candidate: CANDIDATE, t: now(), seq };
}

/** Sends at a fixed total rate from every client to its peer, round robin, for warmup + measure seconds. */
async function fixedRate(server, clients, rate, warmupSeconds, seconds) {
  const latencies = new Latencies(Math.ceil(rate * seconds * 1.2) + 1000);
  const state = instrument(server, clients, latencies);
  let sent = 0;
  const start = now();
  const measureFrom = start + warmupSeconds * 1000;
  const end = measureFrom + seconds * 1000;
  let before = null;
  let after = null;
  let generatorBefore = null;
  let generatorAfter = null;
  // The machine's CPU ticks at the start of the window and at each second of it, the last at its end: its steal
  // over the window, and second by second.
  const secondTicks = [];
  await new Promise((resolve) => {
    const pump = () => {
      const t = now();
      if (!state.measuring && t >= measureFrom && before === null) {
        before = relaySample(server);
        generatorBefore = process.cpuUsage();
        state.measuring = true;
      }
      if (state.measuring && t >= measureFrom + secondTicks.length * 1000) secondTicks.push(machineTicks());
      if (t >= end) {
        after = relaySample(server);
        generatorAfter = process.cpuUsage(generatorBefore);
        state.measuring = false;
        resolve();
        return;
      }
      const due = Math.floor(((t - start) / 1000) * rate);
      while (sent < due) {
        const client = clients[sent % clients.length];
        client.ws.send(server.protocol.frame(client.peer.id, payload(sent)));
        sent++;
      }
      setTimeout(pump, 1);
    };
    pump();
  });
  const measuredSeconds = (end - measureFrom) / 1000;
  const drained = await drain(state, () => sent);
  const quiet = new Set();
  for (let i = 0; i + 1 < secondTicks.length; i++) {
    if (stealShare(secondTicks[i], secondTicks[i + 1]) < QUIET_STEAL) quiet.add(i);
  }
  return {
    target_rate: rate,
    delivered_per_s: state.windowReceived / measuredSeconds,
    latency_ms: latencies.summary(),
    quiet_seconds: quiet.size,
    latency_ms_quiet_seconds: latencies.summaryWhere((sentAt) => quiet.has(Math.floor((sentAt - measureFrom) / 1000))),
    server_cpu_s: after.cpu - before.cpu,
    server_cpu_us_per_msg: ((after.cpu - before.cpu) * 1e6) / state.windowReceived,
    ...(after.parts ? { server_cpu_us_per_msg_by_process: Object.fromEntries(Object.keys(after.parts)
      .map((k) => [k, ((after.parts[k] - before.parts[k]) * 1e6) / state.windowReceived])) } : {}),
    server_cpu_share: (after.cpu - before.cpu) / measuredSeconds,
    server_rss_mb: after.rss / 1048576,
    generator_cpu_share: (generatorAfter.user + generatorAfter.system) / 1e6 / measuredSeconds,
    machine_steal_share: stealShare(secondTicks[0], secondTicks.at(-1)),
    lost: drained.lost,
    error_frames: state.errors,
  };
}

/** Each direction of every pair keeps `window` signals in flight: a new one leaves when one arrives. */
async function flatOut(server, clients, window, warmupSeconds, seconds) {
  const latencies = new Latencies(5_000_000);
  let sent = 0;
  let stopping = false;
  const send = (client) => {
    if (stopping) return;
    client.ws.send(server.protocol.frame(client.peer.id, payload(sent++)));
  };
  // A signal arriving at `receiver` came from receiver.peer: that direction may send the next one.
  const state = instrument(server, clients, latencies, (sender) => send(sender));
  for (const client of clients) {
    for (let i = 0; i < window; i++) send(client);
  }
  await sleep(warmupSeconds * 1000);
  const before = procSample(server.pid);
  const machineBefore = machineTicks();
  const generatorBefore = process.cpuUsage();
  state.measuring = true;
  const started = now();
  await sleep(seconds * 1000);
  state.measuring = false;
  const measuredSeconds = (now() - started) / 1000;
  const after = procSample(server.pid);
  const machineAfter = machineTicks();
  const generatorAfter = process.cpuUsage(generatorBefore);
  stopping = true;
  const drained = await drain(state, () => sent);
  return {
    window,
    delivered_per_s: state.windowReceived / measuredSeconds,
    latency_ms: latencies.summary(),
    server_cpu_s: after.cpu - before.cpu,
    server_cpu_us_per_msg: ((after.cpu - before.cpu) * 1e6) / state.windowReceived,
    server_cpu_share: (after.cpu - before.cpu) / measuredSeconds,
    server_rss_mb: after.rss / 1048576,
    generator_cpu_share: (generatorAfter.user + generatorAfter.system) / 1e6 / measuredSeconds,
    machine_steal_share: stealShare(machineBefore, machineAfter),
    lost: drained.lost,
    error_frames: state.errors,
  };
}

/** Waits (at most 5 s) until everything sent has arrived. */
async function drain(state, sentCount) {
  const deadline = now() + 5000;
  while (state.received < sentCount() && now() < deadline) await sleep(20);
  return { lost: sentCount() - state.received };
}

/**
 * Opens `count` sockets, `rate` new ones per second (open loop), and measures each handshake: TCP connect,
 * upgrade (authentication) and the greeting frame.
 */
async function connectBurst(server, credentials, rate) {
  const clients = [];
  const handshakes = new Latencies(credentials.length);
  const failures = [];
  const before = serverAndDatabase(server);
  const beforeJvm = procSample(server.pid);
  const start = now();
  let started = 0;
  const pending = [];
  await new Promise((resolve) => {
    const pump = () => {
      const due = Math.min(credentials.length, Math.floor(((now() - start) / 1000) * rate));
      while (started < due) {
        const credential = credentials[started++];
        pending.push(openSocket(server.protocol, credential, 30000).then((client) => {
          handshakes.add(client.handshakeMs);
          clients.push(client);
        }, (error) => failures.push(error.message)));
      }
      if (started >= credentials.length) resolve();
      else setTimeout(pump, 1);
    };
    pump();
  });
  await Promise.all(pending);
  const elapsed = (now() - start) / 1000;
  const after = serverAndDatabase(server);
  const afterJvm = procSample(server.pid);
  return {
    clients,
    result: {
      sockets: credentials.length,
      target_rate: rate,
      opened: clients.length,
      failed: failures.length,
      failure_examples: [...new Set(failures)].slice(0, 3),
      achieved_per_s: clients.length / elapsed,
      handshake_ms: handshakes.summary(),
      server_cpu_ms_per_connection: ((afterJvm.cpu - beforeJvm.cpu) * 1000) / Math.max(1, clients.length),
      server_and_children_cpu_ms_per_connection: ((after.cpu - before.cpu) * 1000) / Math.max(1, clients.length),
    },
  };
}

/** Opens one socket per credential, keeping `concurrency` handshakes in flight. */
async function openClosedLoop(server, credentials, concurrency) {
  const clients = [];
  const handshakes = new Latencies(credentials.length);
  const failures = [];
  const before = serverAndDatabase(server);
  const start = now();
  let next = 0;
  const worker = async () => {
    while (next < credentials.length) {
      const credential = credentials[next++];
      try {
        const client = await openSocket(server.protocol, credential, 30000);
        handshakes.add(client.handshakeMs);
        clients.push(client);
      } catch (error) {
        failures.push(error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const after = serverAndDatabase(server);
  return {
    clients,
    result: {
      sockets: credentials.length,
      concurrency,
      opened: clients.length,
      failed: failures.length,
      failure_examples: [...new Set(failures)].slice(0, 3),
      achieved_per_s: clients.length / ((now() - start) / 1000),
      handshake_ms: handshakes.summary(),
      server_and_database_cpu_ms_per_connection: ((after.cpu - before.cpu) * 1000) / Math.max(1, clients.length),
    },
  };
}

/** What a relay scenario charges to the server: its process, or for a cluster both hubs and their PostgreSQL. */
function relaySample(server) {
  return server.sample ? server.sample() : procSample(server.pid);
}

/** CPU of the server process plus, for the hub, its PostgreSQL (postmaster and backends); a cluster's own sample. */
function serverAndDatabase(server) {
  if (server.sample) return server.sample();
  const own = procSample(server.pid);
  if (!server.databasePid) return own;
  const database = procSample(server.databasePid, true);
  return { cpu: own.cpu + database.cpu, rss: own.rss + database.rss };
}

/**
 * Waits (at most 120 s) until the server, with its database, uses less than 5 % of a core over a second: after
 * thousands of closes the server is still forgetting the sockets (for the hub: a presence UPDATE each).
 */
async function untilIdle(server) {
  const deadline = now() + 120000;
  const sample = () => serverAndDatabase(server).cpu;
  let previous = sample();
  for (;;) {
    await sleep(1000);
    const current = sample();
    if (current - previous < 0.05) return;
    if (now() > deadline) {
      log(`${server.name} still busy after 120 s (${((current - previous) * 100).toFixed(0)} % of a core); going on`);
      return;
    }
    previous = current;
  }
}

/** Holds the sockets idle; counts closes the generator did not ask for; RSS per socket over the baseline. */
async function holdIdle(server, clients, seconds, baselineRss) {
  let unexpectedCloses = 0;
  const codes = {};
  for (const client of clients) {
    client.onClose = (code) => {
      unexpectedCloses++;
      codes[code] = (codes[code] ?? 0) + 1;
    };
  }
  let peakRss = 0;
  const end = now() + seconds * 1000;
  while (now() < end) {
    peakRss = Math.max(peakRss, procSample(server.pid).rss);
    await sleep(1000);
  }
  const final = procSample(server.pid);
  // Every socket still answers: a round of app-level traffic would differ per protocol, so check the state only.
  const open = clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length;
  return {
    sockets: clients.length,
    held_s: seconds,
    still_open: open,
    unexpected_closes: unexpectedCloses,
    close_codes: codes,
    baseline_rss_mb: baselineRss / 1048576,
    rss_mb: final.rss / 1048576,
    peak_rss_mb: peakRss / 1048576,
    rss_kb_per_socket: (final.rss - baselineRss) / 1024 / clients.length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One server, every scenario

/**
 * The one-instance relay and the cross-instance relay at the same rate in the same run: both ends on the first hub,
 * then one end on each hub. Each set is warmed up for --cross-warmup seconds at that rate before it is measured.
 */
async function runAgainstCluster(cluster) {
  const results = { server: cluster.label };
  await sleep(2000);
  try {
    if (SCENARIOS.has('cross-2k')) {
      const sets = [
        ['one-instance', () => openPairs(cluster.a, PAIRS)],
        ['cross-instance', async () => openPairsAcross(cluster.a, cluster.b, await cluster.credentials(PAIRS * 2))],
      ];
      for (const [name, open] of sets) {
        const clients = await open();
        log(`cluster ${name}: ${clients.length} sockets in ${PAIRS} pairs; warming up ${CROSS_WARMUP} s`);
        results[name] = await fixedRate(cluster, clients, CROSS_RATE, CROSS_WARMUP, SECONDS);
        log(`cluster ${name}: ${summarise(results[name])}; CPU µs/msg by process ${byProcess(results[name])}`);
        closeAll(clients);
        await untilIdle(cluster);
      }
    }
  } finally {
    await cluster.stop();
  }
  return results;
}

async function runAgainst(server) {
  const results = { server: server.label };
  await sleep(2000);
  const rssFresh = procSample(server.pid).rss;
  try {
    if (SCENARIOS.has('relay-5k') || SCENARIOS.has('relay-20k') || SCENARIOS.has('flat-out')) {
      const clients = await openPairs(server, PAIRS);
      log(`${server.name}: ${clients.length} sockets in ${PAIRS} pairs; warming up ${WARMUP} s`);
      await fixedRate(server, clients, 10000, WARMUP, 1);
      for (const [name, rate] of [['relay-5k', 5000], ['relay-20k', 20000]]) {
        if (!SCENARIOS.has(name)) continue;
        results[name] = await fixedRate(server, clients, rate, 2, SECONDS);
        log(`${server.name} ${name}: ${summarise(results[name])}`);
      }
      if (SCENARIOS.has('flat-out')) {
        results['flat-out'] = await flatOut(server, clients, WINDOW, 2, SECONDS);
        log(`${server.name} flat-out: ${summarise(results['flat-out'])}`);
      }
      closeAll(clients);
      await sleep(2000);
    }
    if (SCENARIOS.has('idle')) {
      // Opened with at most --concurrency handshakes in flight (a pace the server sustains), then held.
      const credentials = await server.credentials(SOCKETS);
      await sleep(1000);
      const baseline = procSample(server.pid).rss;
      const { clients, result } = await openClosedLoop(server, credentials, CONCURRENCY);
      results.open = result;
      log(`${server.name} open ${SOCKETS} (${CONCURRENCY} in flight): ${JSON.stringify(result)}`);
      results.idle = await holdIdle(server, clients, HOLD, baseline);
      results.idle.fresh_rss_mb = rssFresh / 1048576;
      results.idle.rss_kb_per_socket_since_start = (results.idle.rss_mb * 1048576 - rssFresh) / 1024 / clients.length;
      log(`${server.name} idle: ${JSON.stringify(results.idle)}`);
      if (SCENARIOS.has('stop')) {
        // SIGTERM with every socket still open; the clients answer the server's close frames as browsers do.
        const started = now();
        const stopped = await server.stop();
        results.stop = { sockets: clients.length, seconds: (now() - started) / 1000, ...stopped };
        log(`${server.name} stop with ${clients.length} open sockets: ${results.stop.seconds.toFixed(1)} s `
          + `(until exit and the data directory deleted; ${JSON.stringify(stopped)})`);
        return results;
      }
      closeAll(clients);
      await untilIdle(server);
    }
    if (SCENARIOS.has('connect')) {
      if (CONNECT_WARMUP > 0) {
        // The same warm-up for both servers: the path is compiled before it is measured, as in a running server.
        const warm = await server.credentials(CONNECT_WARMUP);
        const { clients: warmed } = await openClosedLoop(server, warm, CONCURRENCY);
        closeAll(warmed);
        await untilIdle(server); // the server's work for the warm-up's closes must not overlap the measurement
      }
      for (let round = 1; round <= CONNECT_WARMUP_BURSTS; round++) {
        const { clients: warmed, result } = await connectBurst(server, await server.credentials(BURST), CONNECT_RATE);
        log(`${server.name} connect warm-up burst ${round}: ${result.opened} opened, ${result.failed} failed, `
          + `${result.achieved_per_s.toFixed(0)}/s, `
          + `handshake p99 ${result.handshake_ms.p99.toFixed(1)} ms`);
        closeAll(warmed);
        await untilIdle(server);
      }
      const credentials = await server.credentials(BURST);
      const { clients, result } = await connectBurst(server, credentials, CONNECT_RATE);
      results.connect = result;
      log(`${server.name} connect: ${JSON.stringify(result)}`);
      closeAll(clients);
    }
  } finally {
    await server.stop();
  }
  return results;
}

function summarise(r) {
  return `${r.delivered_per_s.toFixed(0)} msgs/s delivered, p50 ${r.latency_ms.p50.toFixed(3)} ms, `
    + `p99 ${r.latency_ms.p99.toFixed(3)} ms, server CPU ${r.server_cpu_us_per_msg.toFixed(1)} µs/msg `
    + `(${(r.server_cpu_share * 100).toFixed(0)} % of a core), generator ${(r.generator_cpu_share * 100).toFixed(0)} %, `
    + `lost ${r.lost}, error frames ${r.error_frames}, CPU steal ${((r.machine_steal_share ?? 0) * 100).toFixed(1)} %`
    + (r.quiet_seconds === undefined ? '' : `; in the ${r.quiet_seconds} s with steal under ${QUIET_STEAL * 100} %: `
      + `p50 ${r.latency_ms_quiet_seconds.p50.toFixed(3)} ms, p99 ${r.latency_ms_quiet_seconds.p99.toFixed(3)} ms`);
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu.replace(/\s+/g, ' ')}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
}

async function javaVersion() {
  return new Promise((resolve) => {
    const child = spawn(ARGS.java, ['-version'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (d) => { text += d; });
    child.on('exit', () => resolve(text.split('\n')[1]?.trim() ?? text.trim()));
  });
}

const fmt = (v, digits = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', {
  minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? (a / b).toFixed(2) : '–');

function markdown(run) {
  const hub = run.results.hub ?? {};
  const peer = run.results.peerjs ?? {};
  const lines = [];
  lines.push(`### ${run.date} — ${run.machine}`);
  lines.push('');
  lines.push(`JDK: ${run.jdk}; Node ${run.node}; load average before/after: ${run.loadBefore} / ${run.loadAfter}; `
    + `${PAIRS} pairs, ${SECONDS} s per relay scenario after a ${WARMUP} s warm-up, flat-out window ${WINDOW}; `
    + `${SOCKETS} idle sockets held ${HOLD} s; ${BURST} new sockets at ${CONNECT_RATE}/s after ${CONNECT_WARMUP} `
    + `warm-up connections and ${CONNECT_WARMUP_BURSTS} warm-up bursts like it; generator's WebSocket client: `
    + `${CLIENT === 'ws' ? '`ws`' : 'lean-socket.mjs'}. Hub: \`${run.hubLabel ?? ''}\`; `
    + `reference: ${peer.server ?? 'PeerJS not run'}.`);
  lines.push('');
  lines.push('| scenario | measure | hub | PeerJS | hub / PeerJS | target |');
  lines.push('|---|---|---|---|---|---|');
  const relayRows = (name, label, target) => {
    const h = hub[name];
    const p = peer[name];
    if (!h && !p) return;
    lines.push(`| ${label} | delivered msgs/s | ${fmt(h?.delivered_per_s)} | ${fmt(p?.delivered_per_s)} | ${ratio(h?.delivered_per_s, p?.delivered_per_s)} | ${target.rate ?? ''} |`);
    lines.push(`| | server CPU µs per relayed msg | ${fmt(h?.server_cpu_us_per_msg, 1)} | ${fmt(p?.server_cpu_us_per_msg, 1)} | ${ratio(h?.server_cpu_us_per_msg, p?.server_cpu_us_per_msg)} | ${target.cpu ?? ''} |`);
    lines.push(`| | server CPU (share of one core) | ${fmt((h?.server_cpu_share ?? NaN) * 100)} % | ${fmt((p?.server_cpu_share ?? NaN) * 100)} % | | |`);
    lines.push(`| | latency p50 / p99 / p99.9 ms | ${lat(h)} | ${lat(p)} | ${ratio(h?.latency_ms.p99, p?.latency_ms.p99)} (p99) | ${target.latency ?? ''} |`);
    const tail = (r) => `${r.lost} / ${r.error_frames}; ${fmt(r.generator_cpu_share * 100)} %; ${fmt((r.machine_steal_share ?? NaN) * 100, 1)} %`;
    lines.push(`| | lost / error frames; generator CPU; machine CPU stolen by the hypervisor | ${h ? tail(h) : '–'} | ${p ? tail(p) : '–'} | | |`);
    const quiet = (r) => (r?.quiet_seconds === undefined ? '–'
      : `${r.quiet_seconds} of ${SECONDS}; ${fmt(r.latency_ms_quiet_seconds.p50, 3)} / ${fmt(r.latency_ms_quiet_seconds.p99, 3)}`);
    if (h?.quiet_seconds !== undefined || p?.quiet_seconds !== undefined) {
      lines.push(`| | seconds with steal under ${QUIET_STEAL * 100} %; their latency p50 / p99 ms | ${quiet(h)} | ${quiet(p)} | | |`);
    }
  };
  relayRows('relay-5k', '5,000 msgs/s', { latency: 'hub p99 ≤ 1 ms' });
  relayRows('relay-20k', '20,000 msgs/s', { cpu: 'ratio ≤ 1.0 (goal 0.5)', latency: 'hub p99 ≤ PeerJS p99' });
  relayRows('flat-out', `flat out (window ${WINDOW})`, { rate: 'hub ≥ PeerJS' });
  const ho = hub.open;
  const po = peer.open;
  const hi = hub.idle;
  const pi = peer.idle;
  if (ho || po) {
    lines.push(`| open ${fmt(SOCKETS)} sockets, ${CONCURRENCY} handshakes in flight | opened / failed | ${ho ? `${ho.opened} / ${ho.failed}` : '–'} | ${po ? `${po.opened} / ${po.failed}` : '–'} | | |`);
    lines.push(`| | connections/s; handshake p50 / p99 ms | ${opened(ho)} | ${opened(po)} | ${ratio(ho?.achieved_per_s, po?.achieved_per_s)} (rate) | |`);
    lines.push(`| | server CPU ms per connection (hub: with its PostgreSQL) | ${fmt(ho?.server_and_database_cpu_ms_per_connection, 2)} | ${fmt(po?.server_and_database_cpu_ms_per_connection, 2)} | ${ratio(ho?.server_and_database_cpu_ms_per_connection, po?.server_and_database_cpu_ms_per_connection)} | |`);
  }
  if (hi || pi) {
    lines.push(`| hold them ${HOLD} s idle | unexpected closes | ${hi?.unexpected_closes ?? '–'} | ${pi?.unexpected_closes ?? '–'} | | hub 0 |`);
    lines.push(`| | RSS per socket KB (RSS before opening → with the sockets, MB) | ${idle(hi)} | ${idle(pi)} | ${ratio(hi?.rss_kb_per_socket, pi?.rss_kb_per_socket)} | hub ≤ 25 KB |`);
    lines.push(`| | RSS per socket KB counted from the idle server just started (its RSS then, MB) | ${sinceStart(hi)} | ${sinceStart(pi)} | ${ratio(hi?.rss_kb_per_socket_since_start, pi?.rss_kb_per_socket_since_start)} | |`);
  }
  const hc = hub.connect;
  const pc = peer.connect;
  if (hc || pc) {
    lines.push(`| connect ${fmt(BURST)} new sockets at ${fmt(CONNECT_RATE)}/s (open loop) | opened / failed | ${hc ? `${hc.opened} / ${hc.failed}` : '–'} | ${pc ? `${pc.opened} / ${pc.failed}` : '–'} | | |`);
    lines.push(`| | achieved connections/s | ${fmt(hc?.achieved_per_s)} | ${fmt(pc?.achieved_per_s)} | ${ratio(hc?.achieved_per_s, pc?.achieved_per_s)} | hub ≥ 2,000 |`);
    lines.push(`| | handshake p50 / p99 ms | ${hs(hc)} | ${hs(pc)} | ${ratio(hc?.handshake_ms.p99, pc?.handshake_ms.p99)} (p99) | hub p99 < 100 ms |`);
    lines.push(`| | server CPU ms per connection (hub: JVM / with its PostgreSQL) | ${hc ? `${fmt(hc.server_cpu_ms_per_connection, 2)} / ${fmt(hc.server_and_children_cpu_ms_per_connection, 2)}` : '–'} | ${fmt(pc?.server_cpu_ms_per_connection, 2)} | | |`);
  }
  return lines.join('\n');
}

/** The measured window's CPU per delivered message of each process of a cluster, e.g. "hub A 201 / ...". */
function byProcess(r) {
  const parts = r.server_cpu_us_per_msg_by_process ?? {};
  return [['hubA', 'hub A'], ['hubB', 'hub B'], ['postgres', 'PostgreSQL']]
    .map(([k, label]) => `${label} ${fmt(parts[k])}`).join(' / ');
}

function clusterMarkdown(run) {
  const c = run.results.cluster;
  const lines = [];
  lines.push(`### ${run.date} (hubs as separate processes) — ${run.machine}`);
  lines.push('');
  lines.push(`JDK: ${run.jdk}; Node ${run.node}; load average before/after: ${run.loadBefore} / ${run.loadAfter}; `
    + `${PAIRS} pairs, ${fmt(CROSS_RATE)} signals/s in total, ${CROSS_WARMUP} s warm-up and ${SECONDS} s measured per set; `
    + `two \`${run.hubLabel ?? ''}\` processes on the first one's embedded PostgreSQL.`);
  lines.push('');
  lines.push('| setup | delivered msgs/s | latency p50 / p90 / p99 / p99.9 / max ms | CPU µs per msg (both hubs + PostgreSQL) | of which hub A / hub B / PostgreSQL | CPU (share of one core) | lost / error frames | generator CPU | target |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const [name, label, target] of [['one-instance', 'one instance (both ends on A)', ''],
    ['cross-instance', 'two instances (one end on each; every signal crosses)', 'p99 < 10 ms']]) {
    const r = c[name];
    if (!r) continue;
    const l = r.latency_ms;
    lines.push(`| ${label} | ${fmt(r.delivered_per_s)} | ${fmt(l.p50, 3)} / ${fmt(l.p90, 3)} / ${fmt(l.p99, 3)} / ${fmt(l.p999, 3)} / ${fmt(l.max, 1)} | ${fmt(r.server_cpu_us_per_msg, 1)} | ${byProcess(r)} | ${fmt(r.server_cpu_share * 100)} % | ${r.lost} / ${r.error_frames} | ${fmt(r.generator_cpu_share * 100)} % | ${target} |`);
  }
  return lines.join('\n');
}

function lat(r) {
  return r ? `${fmt(r.latency_ms.p50, 3)} / ${fmt(r.latency_ms.p99, 3)} / ${fmt(r.latency_ms.p999, 3)}` : '–';
}

function hs(r) {
  return r ? `${fmt(r.handshake_ms.p50, 1)} / ${fmt(r.handshake_ms.p99, 1)}` : '–';
}

function opened(r) {
  return r ? `${fmt(r.achieved_per_s)}; ${fmt(r.handshake_ms.p50, 1)} / ${fmt(r.handshake_ms.p99, 1)}` : '–';
}

function sinceStart(r) {
  return r ? `${fmt(r.rss_kb_per_socket_since_start, 1)} (${fmt(r.fresh_rss_mb)})` : '–';
}

function idle(r) {
  return r ? `${fmt(r.rss_kb_per_socket, 1)} (${fmt(r.baseline_rss_mb)} → ${fmt(r.rss_mb)})` : '–';
}

/** Cluster runs stand alone: their scenario is cross-2k, and their table goes to another section of the docs. */
function checkServersAndScenarios() {
  const servers = ARGS.servers.split(',');
  const clusterScenarios = SCENARIOS.has('cross-2k');
  if (servers.includes('cluster') && (servers.length > 1 || !clusterScenarios || SCENARIOS.size > 1)) {
    throw new Error('--servers cluster runs alone, with --scenarios cross-2k');
  }
  if (!servers.includes('cluster') && clusterScenarios) {
    throw new Error('--scenarios cross-2k needs --servers cluster');
  }
  if (CLIENT !== 'lean' && CLIENT !== 'ws') throw new Error('--client is lean or ws');
}

async function main() {
  checkServersAndScenarios();
  const run = {
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    jdk: await javaVersion(),
    node: process.version,
    loadBefore: loadAverage(),
    results: {},
  };
  log(`machine: ${run.machine}; JDK ${run.jdk}; load ${run.loadBefore}`);
  for (const name of ARGS.servers.split(',')) {
    if (name === 'cluster') {
      const cluster = await startCluster();
      run.hubLabel = cluster.label;
      run.results.cluster = await runAgainstCluster(cluster);
      continue;
    }
    const server = name === 'hub' ? await startHub() : await startPeerJs();
    if (name === 'hub') run.hubLabel = server.label;
    run.results[name] = await runAgainst(server);
  }
  run.loadAfter = loadAverage();
  const table = run.results.cluster ? clusterMarkdown(run) : markdown(run);
  console.log(table);
  if (ARGS.json) writeFileSync(ARGS.json, JSON.stringify(run, null, 2));
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
