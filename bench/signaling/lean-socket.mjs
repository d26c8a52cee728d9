// A lean WebSocket client (RFC 6455) for the load generator: the `ws` client's handshake (Node's HTTP client, an
// extension offer, two timers) cost the generator about 0.45 ms of CPU per new socket, as much as the PeerJS server
// spent accepting it, on the two cores the servers share with it. This one writes the upgrade request itself,
// checks the 101 and its Sec-WebSocket-Accept, masks what it sends with a random key, answers pings, assembles
// fragments and reports the server's close code. It offers no extension. It has the members of `ws`'s WebSocket that
// bench.mjs uses: send, terminate, readyState and the events message, unexpected-response, error and close.
import net from 'node:net';
import { createHash, randomFillSync } from 'node:crypto';
import { EventEmitter } from 'node:events';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;
const MAX_HEAD_BYTES = 16 * 1024;

// Random bytes for keys and masks, drawn from a pool refilled 64 KiB at a time.
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomBytes(count) {
  if (poolAt + count > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(64 * 1024));
    poolAt = 0;
  }
  poolAt += count;
  return pool.subarray(poolAt - count, poolAt);
}

export class LeanSocket extends EventEmitter {
  static OPEN = OPEN;

  constructor(url, { localAddress } = {}) {
    super();
    const target = new URL(url);
    this.readyState = CONNECTING;
    this.key = randomBytes(16).toString('base64');
    this.pending = null; // bytes received and not yet parsed
    this.fragments = null;
    this.closeCode = null;
    this.closeEmitted = false;
    this.socket = net.connect({ host: target.hostname, port: Number(target.port), localAddress });
    this.socket.setNoDelay(true);
    this.socket.once('connect', () => this.socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\n`
      + `Host: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
      + `Sec-WebSocket-Key: ${this.key}\r\nSec-WebSocket-Version: 13\r\n\r\n`));
    this.socket.on('data', (chunk) => this.received(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.closed());
  }

  /** Sends one text frame; nothing once the socket is no longer open. */
  send(text) {
    if (this.readyState !== OPEN) return;
    const length = Buffer.byteLength(text);
    const { frame, at } = this.frameFor(0x1, length);
    frame.write(text, at);
    this.mask(frame, at, length);
    this.socket.write(frame);
  }

  /** Drops the connection without a close frame, as `ws`'s terminate does. */
  terminate() {
    this.readyState = CLOSED;
    this.socket.destroy();
  }

  received(chunk) {
    this.pending = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.readyState === CONNECTING && !this.upgraded()) return;
    if (this.readyState === OPEN) this.parseFrames();
  }

  /** Reads the response head: true once the socket is open, false while the head is incomplete or refused. */
  upgraded() {
    const end = this.pending.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) this.fail(new Error('response head too large'));
      return false;
    }
    const head = this.pending.toString('latin1', 0, end);
    this.pending = this.pending.length > end + 4 ? this.pending.subarray(end + 4) : null;
    const status = Number(head.slice(9, 12));
    if (status !== 101) {
      this.readyState = CLOSED;
      this.emit('unexpected-response', null, { statusCode: status });
      this.socket.destroy();
      return false;
    }
    const accept = /\r\nsec-websocket-accept:[ \t]*(\S+)/i.exec(head)?.[1];
    if (accept !== createHash('sha1').update(this.key + GUID).digest('base64')) {
      this.fail(new Error('wrong Sec-WebSocket-Accept'));
      return false;
    }
    this.readyState = OPEN;
    return this.pending !== null;
  }

  parseFrames() {
    const bytes = this.pending;
    let at = 0;
    while (bytes.length - at >= 2) {
      const first = bytes[at];
      const second = bytes[at + 1];
      if (second & 0x80) return this.fail(new Error('a masked frame from the server'));
      let length = second & 0x7f;
      let payloadAt = at + 2;
      if (length === 126) {
        if (bytes.length - payloadAt < 2) break;
        length = bytes.readUInt16BE(payloadAt);
        payloadAt += 2;
      } else if (length === 127) {
        if (bytes.length - payloadAt < 8) break;
        length = Number(bytes.readBigUInt64BE(payloadAt));
        payloadAt += 8;
      }
      if (bytes.length - payloadAt < length) break;
      at = payloadAt + length;
      // consumed before it is handed on: a listener that throws cannot have the frame delivered twice
      this.pending = at < bytes.length ? bytes.subarray(at) : null;
      this.frame((first & 0x80) !== 0, first & 0x0f, bytes.subarray(payloadAt, at));
      if (this.readyState !== OPEN) return undefined;
    }
    this.pending = at < bytes.length ? bytes.subarray(at) : null;
    return undefined;
  }

  frame(fin, opcode, payload) {
    switch (opcode) {
      case 0x1:
      case 0x2:
        if (fin) this.emit('message', payload);
        else this.fragments = [Buffer.from(payload)];
        return;
      case 0x0:
        if (!this.fragments) return this.fail(new Error('a continuation frame without a first part'));
        this.fragments.push(Buffer.from(payload));
        if (fin) {
          const message = Buffer.concat(this.fragments);
          this.fragments = null;
          this.emit('message', message);
        }
        return undefined;
      case 0x8: // the server closes: echo its code, then end the connection
        this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        this.control(0x8, payload.subarray(0, Math.min(2, payload.length)));
        this.readyState = CLOSED;
        this.socket.end();
        return undefined;
      case 0x9:
        this.control(0xa, payload);
        return undefined;
      case 0xa:
        return undefined;
      default:
        return this.fail(new Error(`unknown opcode ${opcode}`));
    }
  }

  control(opcode, payload) {
    const { frame, at } = this.frameFor(opcode, payload.length);
    payload.copy(frame, at);
    this.mask(frame, at, payload.length);
    this.socket.write(frame);
  }

  /** A frame with its header and a fresh masking key written; the payload goes at `at`. */
  frameFor(opcode, length) {
    const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(headerLength + 4 + length);
    frame[0] = 0x80 | opcode;
    if (length < 126) {
      frame[1] = 0x80 | length;
    } else if (length < 65536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    randomBytes(4).copy(frame, headerLength);
    return { frame, at: headerLength + 4 };
  }

  mask(frame, at, length) {
    const key = at - 4;
    for (let i = 0; i < length; i++) frame[at + i] ^= frame[key + (i & 3)];
  }

  fail(error) {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.emit('error', error);
    this.socket.destroy();
  }

  closed() {
    this.readyState = CLOSED;
    if (this.closeEmitted) return;
    this.closeEmitted = true;
    this.emit('close', this.closeCode ?? 1006);
  }
}
