/**
 * What a segment really holds, measured from the file, not assumed from the recorder's list: the
 * stretches of its own timeline that carry playable media. Its packets are read (no decoding);
 * a video segment is playable only from its first keyframe, and a pause between packets longer than
 * MAX_PACKET_SPACING_S is media that never reached the disk. The recording's coverage (coverage.ts)
 * is built from these stretches, so a file written empty by a recorder that restarted, or one that
 * stops receiving, shows as the hole it is.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Packets further apart than this leave a hole between them (a picture frozen longer is not a recording of it). */
export const MAX_PACKET_SPACING_S = 1;
/** At most this many stretches are kept per segment; a segment broken into more is reported as its first ones. */
const MAX_STRETCHES = 100;

/** The stretches [from, to] of the segment's timeline (seconds, as its startTime and endTime) that hold playable media. */
export const SegmentMedia = z.object({
  seconds: z.number().min(0),
  stretches: z.array(z.tuple([z.number().min(0), z.number().min(0)])).max(MAX_STRETCHES),
});
export type SegmentMedia = z.infer<typeof SegmentMedia>;

/** The playable stretches of a list of packets: [pts, duration, flags] in file order. */
export function stretchesOf(packets: readonly { pts: number; duration: number | undefined; keyframe: boolean }[], kind: 'audio' | 'video'): SegmentMedia {
  const ordered = [...packets].sort((a, b) => a.pts - b.pts);
  const firstPlayable = kind === 'video' ? ordered.findIndex((p) => p.keyframe) : 0;
  const playable = firstPlayable < 0 ? [] : ordered.slice(firstPlayable);
  const stretches: [number, number][] = [];
  for (const [i, packet] of playable.entries()) {
    const next = playable[i + 1];
    // A packet lasts its own duration, or until the next one, within the spacing allowed.
    const end = packet.pts + Math.min(MAX_PACKET_SPACING_S, packet.duration ?? (next ? next.pts - packet.pts : 0));
    const last = stretches.at(-1);
    if (last && packet.pts - last[1] <= MAX_PACKET_SPACING_S) last[1] = Math.max(last[1], end);
    else stretches.push([packet.pts, end]);
  }
  const kept = stretches.slice(0, MAX_STRETCHES).map(([a, b]) => [round(a), round(b)] as [number, number]);
  return { seconds: round(kept.reduce((sum, [a, b]) => sum + (b - a), 0)), stretches: kept };
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/** Measures a plaintext segment file. An unreadable file holds no playable media. */
export async function probeSegment(file: string, kind: 'audio' | 'video'): Promise<SegmentMedia> {
  return stretchesOf(matroskaPackets(await readFile(file)), kind);
}

/**
 * The packets of a Matroska (WebM) file, read in this process: each block's time and keyframe flag.
 * A recorder killed mid-write leaves its file cut anywhere, often inside a cluster of unknown size,
 * so the reader takes every whole block before the cut and ignores what follows. (Running ffprobe for
 * each segment cost 150 ms of CPU a time, two a second on a six-track hearing: too much on a server
 * that must also carry the hearing.) Only what the recording writes is read: one track, SimpleBlocks
 * or BlockGroups in Clusters, times in the file's TimestampScale.
 */
export function matroskaPackets(data: Uint8Array): { pts: number; duration: number | undefined; keyframe: boolean }[] {
  const packets: { pts: number; duration: number | undefined; keyframe: boolean }[] = [];
  let scale = 1_000_000; // ns per tick: Matroska's default
  let clusterTime = 0;
  const walk = (from: number, to: number): void => {
    let at = from;
    while (at < to) {
      const id = readVint(data, at, true);
      if (!id) return;
      const size = readVint(data, at + id.length, false);
      if (!size) return;
      const body = at + id.length + size.length;
      // Unknown size (a live cluster), or a size past the cut: the element runs to the end of its parent.
      const end = size.value === undefined ? to : Math.min(to, body + size.value);
      switch (id.value) {
        case SEGMENT:
        case CLUSTER:
        case BLOCK_GROUP:
          if (id.value === CLUSTER) clusterTime = 0;
          if (id.value === BLOCK_GROUP) group(body, end);
          else walk(body, end);
          // A master element of unknown size ends where the next element of its level begins: its
          // children were walked up to the parent's end, so nothing is left to read here.
          if (size.value === undefined) return;
          break;
        case INFO:
          walk(body, end);
          break;
        case TIMESTAMP_SCALE:
          if (end - body === size.value) scale = readUint(data, body, end);
          break;
        case CLUSTER_TIMESTAMP:
          if (end - body === size.value) clusterTime = readUint(data, body, end);
          break;
        case SIMPLE_BLOCK:
          if (end - body === size.value) block(body, end, !!((data[blockFlagsAt(body)] ?? 0) & 0x80), undefined);
          break;
      }
      if (size.value !== undefined && body + size.value > to) return;
      at = end;
    }
  };
  const blockFlagsAt = (body: number) => body + (readVint(data, body, false)?.length ?? 1) + 2;
  const block = (body: number, end: number, keyframe: boolean, durationTicks: number | undefined) => {
    const track = readVint(data, body, false);
    if (!track || body + track.length + 3 > end) return;
    const relative = ((data[body + track.length]! << 24) >> 16) | data[body + track.length + 1]!;
    const seconds = (ticks: number) => (ticks * scale) / 1e9;
    packets.push({ pts: seconds(clusterTime + relative), duration: durationTicks === undefined ? undefined : seconds(durationTicks), keyframe });
  };
  const group = (from: number, to: number) => {
    let at = from;
    let blockAt: [number, number] | undefined;
    let duration: number | undefined;
    let referenced = false;
    while (at < to) {
      const id = readVint(data, at, true);
      const size = id && readVint(data, at + id.length, false);
      if (!id || !size || size.value === undefined) return;
      const body = at + id.length + size.length;
      if (body + size.value > to) return;
      if (id.value === BLOCK) blockAt = [body, body + size.value];
      else if (id.value === BLOCK_DURATION) duration = readUint(data, body, body + size.value);
      else if (id.value === REFERENCE_BLOCK) referenced = true;
      at = body + size.value;
    }
    // In a BlockGroup a frame that refers to no other is a keyframe.
    if (blockAt) block(blockAt[0], blockAt[1], !referenced, duration);
  };
  walk(0, data.length);
  return packets;
}

const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMESTAMP_SCALE = 0x2ad7b1;
const CLUSTER = 0x1f43b675;
const CLUSTER_TIMESTAMP = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const BLOCK_DURATION = 0x9b;
const REFERENCE_BLOCK = 0xfb;

/**
 * An EBML variable-length integer at `at`: an element ID (`id`, its marker bit kept) or a size (marker
 * dropped; all ones is "unknown", undefined). Undefined when the file ends inside it or it is malformed.
 */
function readVint(data: Uint8Array, at: number, id: boolean): { value: number | undefined; length: number } | undefined {
  const first = data[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if ((id && length > 4) || at + length > data.length) return undefined;
  let value = id ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + data[at + i]!;
    if (data[at + i] !== 0xff) allOnes = false;
  }
  return { value: !id && allOnes ? undefined : value, length };
}

function readUint(data: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 256 + data[i]!;
  return value;
}
