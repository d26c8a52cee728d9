// Two WebRTC peers meet through the hub the way two field clients do: each signs in (GET /login/oidc, following
// the redirects like a browser until the client callback carries the tokens), registers its field-client node
// identity, opens /ws/signal, and then they exchange offer / answer / ICE candidates in the field client's payload
// shapes until an RTCDataChannel opens over loopback and a message makes the round trip.
//
// Usage: HUB_URL=http://127.0.0.1:8000 IDENTITIES_DIR=<dir with device1/ and device2/> node peers.mjs
// Optional: CLIENT_CALLBACK (default http://127.0.0.1:8080/callback), TIMEOUT_MS (default 30000).
// Prints one JSON line starting with "RESULT " and exits 0 only when the message went A -> B -> A.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';

const { RTCPeerConnection } = wrtc;

const HUB_URL = requiredEnv('HUB_URL').replace(/\/$/, '');
const IDENTITIES_DIR = requiredEnv('IDENTITIES_DIR');
const CLIENT_CALLBACK = process.env.CLIENT_CALLBACK ?? 'http://127.0.0.1:8080/callback';
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 30000);
const HTTP_TIMEOUT_MS = 5000;
const started = performance.now();

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    fail(`${name} is not set`);
  }
  return value;
}

function fail(reason) {
  console.log('RESULT ' + JSON.stringify({ ok: false, reason }));
  process.exit(1);
}

function log(message) {
  console.error(`[${(performance.now() - started).toFixed(0).padStart(5)} ms] ${message}`);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Signs in like a browser: follows every redirect by hand until one points at the client callback. */
async function signIn() {
  let next = `${HUB_URL}/login/oidc`;
  for (let hop = 0; hop < 8; hop++) {
    const response = await fetch(next, { redirect: 'manual', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || !location) {
      throw new Error(`sign-in stopped at ${new URL(next).pathname} with ${response.status}: ${await response.text()}`);
    }
    const target = new URL(location, next);
    if (target.href.startsWith(CLIENT_CALLBACK + '?')) {
      const error = target.searchParams.get('error');
      if (error) {
        throw new Error(`sign-in ended with ${error}: ${target.searchParams.get('error_description')}`);
      }
      const token = target.searchParams.get('access_token');
      if (!token) {
        throw new Error('the client callback carried no access_token');
      }
      return token;
    }
    next = target.href;
  }
  throw new Error('sign-in never reached the client callback');
}

async function readIdentity(device) {
  const file = (name) => readFile(path.join(IDENTITIES_DIR, device, name), 'utf8');
  return {
    nodeId: (await file('node.id')).trim(),
    publicKey: await file('public_key.pem'),
    certificate: await file('node.crt'),
  };
}

async function registerNode(token, identity) {
  const response = await fetch(`${HUB_URL}/register-node-id`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      node_id: identity.nodeId,
      public_key: identity.publicKey,
      certificate: identity.certificate,
    }),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const body = await response.json();
  if (response.status !== 200 || body.node_id !== identity.nodeId || body.verified !== true) {
    throw new Error(`registering ${identity.nodeId} answered ${response.status} ${JSON.stringify(body)}`);
  }
}

/**
 * A signaling socket whose incoming frames are handled strictly one after another (a promise chain), so an ICE
 * candidate is never applied before the description it belongs to.
 */
class SignalingSocket {
  constructor(url, name) {
    this.name = name;
    this.socket = new WebSocket(url, { handshakeTimeout: HTTP_TIMEOUT_MS });
    this.chain = Promise.resolve();
    this.handler = null;
    this.failure = null;
    this.authOk = new Promise((resolve, reject) => {
      this.resolveAuth = resolve;
      this.rejectAuth = reject;
    });
    this.failed = new Promise((_, reject) => {
      this.rejectFailed = reject;
    });
    this.failed.catch(() => {});
    this.socket.on('message', (data, isBinary) => this.enqueue(data, isBinary));
    this.socket.on('unexpected-response', (_, response) =>
      this.abort(new Error(`${name}: upgrade refused with ${response.statusCode}`)));
    this.socket.on('error', (error) => this.abort(new Error(`${name}: socket error ${error.message}`)));
    this.socket.on('close', (code, reason) => {
      if (!this.closing) {
        this.abort(new Error(`${name}: socket closed by the hub with ${code} ${reason}`));
      }
    });
  }

  abort(error) {
    if (!this.failure) {
      this.failure = error;
      this.rejectAuth(error);
      this.rejectFailed(error);
    }
  }

  enqueue(data, isBinary) {
    this.chain = this.chain.then(() => this.handle(data, isBinary)).catch((error) => this.abort(error));
  }

  async handle(data, isBinary) {
    if (isBinary) {
      throw new Error(`${this.name}: unexpected binary frame`);
    }
    const frame = JSON.parse(data.toString('utf8'));
    switch (frame.type) {
      case 'auth_ok':
        this.resolveAuth(frame);
        return;
      case 'signal':
        if (!this.handler) {
          throw new Error(`${this.name}: a signal arrived before the peer was ready`);
        }
        await this.handler(frame);
        return;
      case 'error':
        throw new Error(`${this.name}: hub error ${frame.code}: ${frame.message}`);
      default:
        return; // pong, presence, relayed: nothing to do
    }
  }

  signal(target, payload) {
    this.socket.send(JSON.stringify({ type: 'signal', target_node_id: target, payload }));
  }

  close() {
    this.closing = true;
    this.socket.close(1000, 'done');
  }
}

/** One side of the call: its peer connection, its signaling socket and the ICE candidates waiting their turn. */
class Peer {
  constructor(name, identity, socket, remoteNodeId) {
    this.name = name;
    this.identity = identity;
    this.socket = socket;
    this.remoteNodeId = remoteNodeId;
    this.pc = new RTCPeerConnection({ iceServers: [] });
    this.localDescriptionSent = false;
    this.pendingLocalCandidates = [];
    this.pendingRemoteCandidates = [];
    this.remoteDescriptionSet = false;
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate) {
        return; // end of candidates: the field client does not signal it
      }
      const shaped = { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex };
      if (this.localDescriptionSent) {
        this.sendCandidate(shaped);
      } else {
        this.pendingLocalCandidates.push(shaped);
      }
    };
    socket.handler = (frame) => this.onSignal(frame);
  }

  sendCandidate(candidate) {
    this.socket.signal(this.remoteNodeId, { type: 'ice-candidate', candidate });
  }

  sendDescription(payload) {
    this.socket.signal(this.remoteNodeId, payload);
    this.localDescriptionSent = true;
    for (const candidate of this.pendingLocalCandidates.splice(0)) {
      this.sendCandidate(candidate);
    }
  }

  async call() {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    this.sendDescription({ type: 'offer', offer: { type: 'offer', sdp: this.pc.localDescription.sdp } });
  }

  async onSignal(frame) {
    if (frame.sender_node_id !== this.remoteNodeId) {
      throw new Error(`${this.name}: signal from ${frame.sender_node_id}, expected ${this.remoteNodeId}`);
    }
    const payload = frame.payload;
    switch (payload?.type) {
      case 'offer': {
        await this.pc.setRemoteDescription(payload.offer);
        await this.remoteDescriptionApplied();
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        this.sendDescription({ type: 'answer', answer: { type: 'answer', sdp: this.pc.localDescription.sdp } });
        return;
      }
      case 'answer':
        await this.pc.setRemoteDescription(payload.answer);
        await this.remoteDescriptionApplied();
        return;
      case 'ice-candidate':
        if (this.remoteDescriptionSet) {
          await this.pc.addIceCandidate(payload.candidate);
        } else {
          this.pendingRemoteCandidates.push(payload.candidate);
        }
        return;
      default:
        throw new Error(`${this.name}: unknown payload type ${payload?.type}`);
    }
  }

  async remoteDescriptionApplied() {
    this.remoteDescriptionSet = true;
    for (const candidate of this.pendingRemoteCandidates.splice(0)) {
      await this.pc.addIceCandidate(candidate);
    }
  }

  close() {
    this.pc.close();
  }
}

async function join(name, device) {
  const identity = await readIdentity(device);
  const token = await signIn();
  log(`${name} signed in`);
  await registerNode(token, identity);
  log(`${name} registered ${identity.nodeId}`);
  const socket = new SignalingSocket(`${HUB_URL.replace(/^http/, 'ws')}/ws/signal?token=${encodeURIComponent(token)}`,
    name);
  const hello = await withTimeout(socket.authOk, HTTP_TIMEOUT_MS, `${name}: auth_ok`);
  if (hello.node_id !== identity.nodeId) {
    throw new Error(`${name}: connected as ${hello.node_id}, expected ${identity.nodeId}`);
  }
  log(`${name} connected as ${identity.nodeId}`);
  return { identity, socket };
}

async function main() {
  // One after the other, so the identity provider's queued sign-ins are taken in a known order.
  const a = await join('alice', 'device1');
  const b = await join('bob', 'device2');
  const alice = new Peer('alice', a.identity, a.socket, b.identity.nodeId);
  const bob = new Peer('bob', b.identity, b.socket, a.identity.nodeId);
  const nonce = Math.random().toString(36).slice(2);
  const message = `hello from ${a.identity.nodeId} ${nonce}`;

  const bobEchoes = new Promise((resolve) => {
    bob.pc.ondatachannel = ({ channel }) => {
      channel.onmessage = ({ data }) => {
        resolve(String(data));
        channel.send(`echo: ${data}`);
      };
    };
  });
  const channel = alice.pc.createDataChannel('dpc');
  const opened = new Promise((resolve) => {
    channel.onopen = () => resolve(performance.now());
  });
  const echoed = new Promise((resolve) => {
    channel.onmessage = ({ data }) => resolve({ data: String(data), at: performance.now() });
  });

  const signalingStarted = performance.now();
  await alice.call();
  const openedAt = await withTimeout(Promise.race([opened, a.socket.failed, b.socket.failed]), TIMEOUT_MS,
    'data channel open');
  log(`data channel open ${(openedAt - signalingStarted).toFixed(1)} ms after the offer`);
  const sentAt = performance.now();
  channel.send(message);
  const [atBob, echo] = await withTimeout(Promise.all([bobEchoes, echoed]), TIMEOUT_MS, 'message round trip');
  if (atBob !== message || echo.data !== `echo: ${message}`) {
    throw new Error(`round trip garbled: bob got "${atBob}", alice got "${echo.data}"`);
  }
  const result = {
    ok: true,
    offerer: a.identity.nodeId,
    answerer: b.identity.nodeId,
    sent: message,
    received_by_answerer: atBob,
    echoed_to_offerer: echo.data,
    channel_open_ms: Number((openedAt - signalingStarted).toFixed(1)),
    round_trip_ms: Number((echo.at - sentAt).toFixed(1)),
    total_ms: Number((performance.now() - started).toFixed(0)),
  };
  channel.close();
  alice.close();
  bob.close();
  a.socket.close();
  b.socket.close();
  console.log('RESULT ' + JSON.stringify(result));
}

const overall = setTimeout(() => fail(`gave up after ${TIMEOUT_MS} ms`), TIMEOUT_MS + 2 * HTTP_TIMEOUT_MS);
main().then(
  () => {
    clearTimeout(overall);
    process.exit(0); // the native WebRTC stack keeps threads alive; the result is out
  },
  (error) => fail(error.message),
);
