/**
 * Where the recorder's timing relay starts passing a VP8 stream on: only at the first packet of a
 * keyframe, the only place ffmpeg can start reading it (RFC 7741 payload descriptor and header).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isVp8KeyframeStart } from '../../recording/index.js';

/** An RTP packet (with a one-byte header extension, as mediasoup sends) carrying a VP8 descriptor and the first payload byte. */
function vp8Packet(descriptor: number[], firstPayloadByte: number): Buffer {
  const header = Buffer.from([0x90, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  const extension = Buffer.from([0xbe, 0xde, 0, 1, 0x10, 0xff, 0, 0]);
  return Buffer.concat([header, extension, Buffer.from(descriptor), Buffer.from([firstPayloadByte, 0, 0])]);
}

describe('the recorder relay finds where a VP8 stream can be read from', () => {
  it('takes the start of a keyframe, with or without the extended descriptor', () => {
    assert.equal(isVp8KeyframeStart(vp8Packet([0x10], 0x10)), true);
    // X set; I with a 15-bit picture id; L; T/K.
    assert.equal(isVp8KeyframeStart(vp8Packet([0x90, 0xe0, 0x81, 0x23, 0x05, 0x40], 0x50)), true);
  });

  it('refuses an interframe, the middle of a frame, and a later partition', () => {
    assert.equal(isVp8KeyframeStart(vp8Packet([0x10], 0x11)), false, 'P bit set: an interframe');
    assert.equal(isVp8KeyframeStart(vp8Packet([0x00], 0x10)), false, 'not the start of a frame');
    assert.equal(isVp8KeyframeStart(vp8Packet([0x11], 0x10)), false, 'partition 1');
    assert.equal(isVp8KeyframeStart(Buffer.alloc(12)), false, 'no payload');
  });
});
