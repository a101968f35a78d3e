/**
 * SRTP with AES_CM_128_HMAC_SHA1_80 (RFC 3711), just enough for bench/capacity's senders: the media
 * they send the worker is encrypted and authenticated as a browser's is, so the worker does the SRTP
 * work it does for browsers. Key derivation rate 0; no MKI.
 */
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';

const TAG_BYTES = 10;

/** `length` bytes of AES-128 counter-mode keystream from `key` starting at `iv`. */
function keystream(key: Buffer, iv: Buffer, length: number): Buffer {
  return createCipheriv('aes-128-ctr', key, iv).update(Buffer.alloc(length));
}

/** A session key of `length` bytes derived with `label` from the master key and salt (RFC 3711 §4.3.1, kdr 0). */
function derive(masterKey: Buffer, masterSalt: Buffer, label: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  masterSalt.copy(iv, 0);
  // key_id = label || r (r = 0), its low byte-aligned 56 bits XORed into the 112-bit salt.
  iv[7] = iv[7]! ^ label;
  return keystream(masterKey, iv, length);
}

/** The packet IV: salt·2^16 ⊕ SSRC·2^64 ⊕ index·2^16. */
function packetIv(salt: Buffer, ssrc: number, index: number): Buffer {
  const iv = Buffer.alloc(16);
  salt.copy(iv, 0);
  iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
  const high = Math.floor(index / 0x1_0000_0000);
  const low = index >>> 0;
  iv.writeUInt16BE(iv.readUInt16BE(8) ^ high, 8);
  iv.writeUInt32BE((iv.readUInt32BE(10) ^ low) >>> 0, 10);
  return iv;
}

/** Where an RTP packet's payload starts: after the fixed header, the CSRCs and any header extension. */
export function rtpHeaderLength(packet: Buffer): number {
  let length = 12 + 4 * (packet[0]! & 0x0f);
  if (packet[0]! & 0x10) length += 4 + 4 * packet.readUInt16BE(length + 2);
  return length;
}

/** New 30 bytes of keying material (16 master key + 14 master salt), base64 as mediasoup takes them. */
export function newSrtpKey(): string {
  return randomBytes(30).toString('base64');
}

export class SrtpSession {
  private readonly rtpKey: Buffer;
  private readonly rtpAuth: Buffer;
  private readonly rtpSalt: Buffer;

  constructor(keyBase64: string) {
    const material = Buffer.from(keyBase64, 'base64');
    if (material.length !== 30) throw new Error('AES_CM_128_HMAC_SHA1_80 takes 30 bytes of keying material');
    const key = material.subarray(0, 16);
    const salt = material.subarray(16);
    this.rtpKey = derive(key, salt, 0, 16);
    this.rtpAuth = derive(key, salt, 1, 20);
    this.rtpSalt = derive(key, salt, 2, 14);
  }

  /** The SRTP packet for an RTP packet whose sequence number has rolled over `roc` times. */
  protectRtp(packet: Buffer, roc: number): Buffer {
    const header = rtpHeaderLength(packet);
    const out = Buffer.allocUnsafe(packet.length + TAG_BYTES);
    packet.copy(out, 0, 0, header);
    const index = roc * 0x10000 + packet.readUInt16BE(2);
    const cipher = createCipheriv('aes-128-ctr', this.rtpKey, packetIv(this.rtpSalt, packet.readUInt32BE(8), index));
    cipher.update(packet.subarray(header)).copy(out, header);
    const rocBytes = Buffer.allocUnsafe(4);
    rocBytes.writeUInt32BE(roc >>> 0);
    createHmac('sha1', this.rtpAuth).update(out.subarray(0, packet.length)).update(rocBytes).digest().copy(out, packet.length, 0, TAG_BYTES);
    return out;
  }
}
