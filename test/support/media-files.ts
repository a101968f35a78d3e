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
