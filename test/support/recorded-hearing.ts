/**
 * A judge on a laptop and a witness on a phone in one hearing that the judge records, for the tests
 * of what faults do to a recording; with `until` to wait on what the court ends up with and the
 * manifest as last signed on disk.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SignedManifest, type Manifest } from '../../recording/index.js';
import { admit, enterHearing, type ParticipantPage } from './browser.js';
import type { TestHearing, TestServer } from './server.js';
import { until } from './until.js';

export { until };

export const RECORDING_BASIS = 'Order of 3 May 2026, Art. 24 of Regulation (EU) 2020/1783';

/** The manifest as last signed: written a moment after the record says the recording started, and replaced by rename. */
export async function manifestIn(dir: string): Promise<Manifest | undefined> {
  const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : SignedManifest.parse(JSON.parse(text)).manifest;
}

/** Waits until each of the judge's and the witness's four tracks has a segment on disk. */
export async function everyTrackOnDisk(dir: string): Promise<void> {
  await until(
    'every track reaches the disk',
    async () => {
      const m = await manifestIn(dir);
      return m && m.tracks.length === 4 && m.tracks.every((t) => t.segments.length >= 1);
    },
    60_000,
  );
}

export interface RecordedHearing {
  court: TestHearing;
  judge: ParticipantPage;
  witness: ParticipantPage;
  /** The recording's folder. */
  dir: string;
}

/** Judge Anna Berger (1366×768) admits Maria Rossi (a 390×844 phone) and starts recording. */
export async function openRecordedHearing(server: TestServer, browser: Browser, recordingsDir: string): Promise<RecordedHearing> {
  const court = await server.hearingWith([
    { name: 'Judge Anna Berger', role: 'presiding_judge' },
    { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
  ]);
  const judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, undefined, { width: 1366, height: 768 });
  const witness = await enterHearing(browser, court.people['Maria Rossi']!.url, undefined, { width: 390, height: 844 });
  await admit(judge.page, 'Maria Rossi');
  await judge.page.getByLabel('Legal basis for recording (required)').fill(RECORDING_BASIS);
  await judge.page.getByRole('button', { name: 'Start recording' }).click();
  const started = await until('the recording starts', async () =>
    (await server.store.events.list(court.hearing.id)).find((e) => e.type === 'recording.started'),
  );
  return { court, judge, witness, dir: join(recordingsDir, String(started.data.recordingId)) };
}

/**
 * The judge admits the witness and starts recording; resolves with the recording's id once the
 * witness's camera has two segments on disk (`recordingsDir`), read from the record through `events`.
 */
export async function recordWitness(
  judge: Page,
  witness: { name: string; id: string },
  events: () => Promise<{ type: string; data: Record<string, unknown> }[]>,
  recordingsDir: string,
): Promise<string> {
  await admit(judge, witness.name);
  await judge.getByLabel('Legal basis for recording (required)').fill(RECORDING_BASIS);
  await judge.getByRole('button', { name: 'Start recording' }).click();
  const started = await until('the recording starts', async () => (await events()).find((e) => e.type === 'recording.started'));
  const recordingId = String(started.data.recordingId);
  await until(
    'the witness’s camera reaches the disk',
    async () =>
      ((await manifestIn(join(recordingsDir, recordingId)))?.tracks.find((t) => t.participantId === witness.id && t.source === 'camera')?.segments.length ??
        0) >= 2,
  );
  return recordingId;
}
