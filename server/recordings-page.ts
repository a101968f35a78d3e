/**
 * The recording verifier page: every recording of a hearing checked on the server — each stored hash,
 * chain, signature and timestamp, and every segment decrypted with the installation's key and its
 * media checked — each check an entry in the hearing's record naming who asked. Served by
 * minutes-http.ts to the presiding judge, the requested-state officer and the clerk, who present
 * their link's token as for the minutes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml as e } from '../record/index.js';
import {
  describeRecordingReport,
  logCustody,
  MANIFEST_FILE,
  SignedManifest,
  verifyRecording,
  type RecordingKey,
  type RecordingReport,
} from '../recording/index.js';
import type { Store } from '../store/index.js';
import type { PlaybackCache } from './playback-cache.js';
import type { PlaybackTickets } from './playback-tickets.js';

export interface RecordingsDeps {
  /** The folder holding one folder per recording. */
  dir: string;
  recordingKey: RecordingKey;
  store: Store;
  /** Each track's playable file, kept encrypted, served by byte range. */
  playback: PlaybackCache;
  /** Tickets for a media element's address (it cannot send the link's token as a header). */
  tickets: PlaybackTickets;
}

export interface RecordingCheck {
  recordingId: string;
  folder: string;
  report: RecordingReport;
  text: string;
}

/** Every recording of the hearing in `dir`, by its folder's name, with its signed manifest. */
export async function hearingRecordings(dir: string, hearingId: string): Promise<{ name: string; folder: string; signed: SignedManifest }[]> {
  const found: { name: string; folder: string; signed: SignedManifest }[] = [];
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
    const folder = join(dir, name);
    const text = await readFile(join(folder, MANIFEST_FILE), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let parsed: ReturnType<typeof SignedManifest.safeParse>;
    try {
      parsed = SignedManifest.safeParse(JSON.parse(text));
    } catch {
      continue;
    }
    if (parsed.success && parsed.data.manifest.hearingId === hearingId) found.push({ name, folder, signed: parsed.data });
  }
  return found;
}

/** Every recording of the hearing, verified, each verification recorded with `participantId` as its actor. */
export async function verifyHearingRecordings(deps: RecordingsDeps, hearingId: string, participantId: string): Promise<RecordingCheck[]> {
  const checks: RecordingCheck[] = [];
  for (const { name, folder, signed } of await hearingRecordings(deps.dir, hearingId)) {
    const recordingId = signed.manifest.recordingId;
    const report = await verifyRecording(folder, { recordingKey: deps.recordingKey });
    const description = describeRecordingReport(report);
    await logCustody(
      deps.store,
      hearingId,
      'recording.verified',
      { participantId },
      {
        recordingId,
        holds: report.ok,
        decrypted: report.ok && report.decrypted,
        ...(report.ok ? {} : { problem: description.slice(0, 500) }),
      },
    );
    checks.push({ recordingId, folder: name, report, text: description });
  }
  return checks;
}

export function renderRecordingChecks(hearingId: string, checks: RecordingCheck[]): string {
  const items =
    checks.length === 0
      ? '<p>This hearing has no recording.</p>'
      : checks
          .map(
            (c) => `<section class="${c.report.ok ? 'holds' : 'broken'}">
<h2>${c.report.ok ? 'Holds' : 'Does not hold'} — recording ${e(c.recordingId)}</h2>
<p>${e(c.text)}</p>
</section>`,
          )
          .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Recordings of the hearing — verification</title>
<link rel="stylesheet" href="/assets/minutes.css">
</head>
<body>
<main class="minutes">
<h1>Recordings of hearing ${e(hearingId)}: verification</h1>
<p>Each recording was checked now, on the server: every segment's SHA-256, each track's chain, the
manifest's signature and timestamps, and every segment decrypted and its media checked. This check is
an entry in the hearing's record.</p>
${items}
</main>
</body>
</html>
`;
}
