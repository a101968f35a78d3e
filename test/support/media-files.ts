/**
 * Known media for fake devices: a WAV with a steady tone, written by the test itself, so that a
 * test can tell a participant who is speaking from one who is silent (Chromium's default fake
 * microphone only beeps now and then).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeToneWav(path: string, frequencyHz: number, seconds = 10, sampleRate = 48000): string {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate) * 0.5 * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
  return path;
}

/** A steady tone at `frequencyHz`, in a temporary folder of its own, for a browser's fake microphone. */
export function toneFile(frequencyHz: number): string {
  return writeToneWav(join(mkdtempSync(join(tmpdir(), 'hearing-room-tone-')), 'tone.wav'), frequencyHz);
}

/**
 * A camera's picture every pixel of which a test can predict: a still black-and-white checkerboard
 * of `square`-pixel squares, as a Y4M file for a browser's fake camera
 * (`--use-file-for-fake-video-capture`), looped. A picture masked by pixelation in blocks of a
 * multiple of two squares comes out an even grey; an unmasked one keeps the board.
 */
export function checkerVideoFile(width = 640, height = 360, square = 16): string {
  const luma = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) luma[y * width + x] = (Math.floor(x / square) + Math.floor(y / square)) % 2 === 0 ? 235 : 16;
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F15:1 Ip A1:1 C420jpeg\n`);
  const path = join(mkdtempSync(join(tmpdir(), 'hearing-room-camera-')), 'checker.y4m');
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 15 }, () => frame)]));
  return path;
}
