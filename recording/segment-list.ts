/**
 * A run's files on disk: the segments ffmpeg writes (`segment-<n>.webm` or `.mkv`, numbered across the
 * track's runs) and the list of those it has closed (`run-<n>.csv`: file, start and end time), which it
 * appends to as it goes. Read here, and what a stopped or killed ffmpeg leaves behind tidied up.
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { matroskaPackets } from './media-probe.js';

const SEGMENT_NAME = /^segment-\d{5}\.(webm|mkv)$/;
const SegmentListLine = z.tuple([z.string().regex(SEGMENT_NAME), z.coerce.number().min(0), z.coerce.number().min(0)]);

/** One segment as ffmpeg lists it: its file, and its start and end in the run's media time (s). */
export type ListedSegment = [file: string, startTime: number, endTime: number];

/** ffmpeg's name for its segment files, as its `-segment` output takes it. */
export function segmentPattern(extension: string): string {
  return `segment-%05d.${extension}`;
}

export function segmentFile(number: number, extension: string): string {
  return `segment-${String(number).padStart(5, '0')}.${extension}`;
}

export function segmentListFile(run: number): string {
  return `run-${run}.csv`;
}

/** The lines of the run's list that ffmpeg has finished: it may be writing the next one. */
export async function finishedLines(dir: string, run: number): Promise<string[]> {
  const text = await readFile(join(dir, segmentListFile(run)), 'utf8').catch(() => '');
  return text
    .split('\n')
    .slice(0, -1)
    .filter((l) => l.trim() !== '');
}

/** One line of the run's list, read; a line that is not a segment of this run is an error, never skipped. */
export function parseListed(line: string, run: number): ListedSegment {
  const parsed = SegmentListLine.safeParse(line.trim().split(','));
  if (!parsed.success) throw new Error(`${segmentListFile(run)}: unreadable line "${line}"`);
  return parsed.data;
}

/** Where the last segment the run's list names ends (0 if it names none). */
export async function lastListedEnd(dir: string, run: number): Promise<number> {
  const text = await readFile(join(dir, segmentListFile(run)), 'utf8').catch(() => '');
  const last = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .at(-1);
  const parsed = last ? SegmentListLine.safeParse(last.trim().split(',')) : undefined;
  return parsed?.success ? parsed.data[2] : 0;
}

/** Whether a segment file holds any media: undefined if there is no such file. */
export async function holdsMedia(path: string): Promise<boolean | undefined> {
  const bytes = await readFile(path).catch(() => undefined);
  if (bytes === undefined) return undefined;
  try {
    return matroskaPackets(bytes).length > 0;
  } catch {
    return false;
  }
}

/**
 * Stopped on a segment boundary, ffmpeg leaves the next file open and empty: it holds nothing, and
 * left on disk it would read as a segment added to the recording.
 */
export async function removeEmptySegments(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!SEGMENT_NAME.test(name)) continue;
    if ((await stat(join(dir, name))).size === 0) await unlink(join(dir, name));
  }
}
