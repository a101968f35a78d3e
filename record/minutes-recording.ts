/**
 * The recording as the minutes state it: each time the court recorded, on which legal basis, how it
 * stopped and the hash of its sealed manifest (which anchors every segment); what of each track
 * reached the disk; tracks interrupted and gaps; the disk running out. And, in one statement, whether
 * a recording was made at all.
 */
import { capitalised, clock, type MinutesReading } from './minutes-reading.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

/** Reads the recording's entries; keeps whose track each interruption concerns, to name it again when it reaches the recording again. */
export function recordingReader(): (r: MinutesReading) => void {
  const interruptedTracks = new Map<string, string>();
  return (r) => {
    const { event, minutes, w, actor, on, say } = r;
    const { nameOf, who } = r.names;
    on('recording.started', (d) => {
      minutes.recording.runs.push({
        recordingId: d.recordingId,
        legalBasis: d.legalBasis,
        started: event.at,
        startedBy: r.actorName,
        stopped: null,
        stoppedBecause: null,
        stopCause: null,
        manifestSha256: null,
        keyId: null,
        complete: null,
        tracks: null,
        segments: null,
        coverage: [],
        continues: d.continues ? { ...d.continues } : null,
        seq: event.seq,
      });
      say(
        d.continues
          ? w.t('chron.recordingResumedByServer', { sha256: d.continues.manifestSha256, from: clock(d.continues.cutAt), to: clock(event.at) })
          : w.t('chron.recordingStarted', { actor, basis: d.legalBasis }),
      );
    });
    on('recording.stopped', (d) => {
      const run = minutes.recording.runs.findLast((x) => x.recordingId === d.recordingId);
      if (run) Object.assign(run, { stopped: event.at, stoppedBecause: w.phrase('stop', d.cause), stopCause: d.cause });
      say(w.t('chron.recordingStopped', { how: w.phrase('stop', d.cause) }));
    });
    on('recording.sealed', (d) => {
      const run = minutes.recording.runs.findLast((x) => x.recordingId === d.recordingId);
      const coverage = (d.coverage ?? []).map((c) => ({
        name: nameOf(c.participantId),
        source: w.phrase('source', c.source),
        recordedSeconds: c.recordedSeconds,
        spanSeconds: c.spanSeconds,
        declaredSeconds: c.declaredSeconds,
        holeSeconds: c.holeSeconds,
      }));
      if (run) Object.assign(run, { manifestSha256: d.manifestSha256, keyId: d.keyId, complete: d.complete, tracks: d.tracks, segments: d.segments, coverage });
      const missing = coverage.filter((c) => c.holeSeconds > 0);
      const sealed = w.t(d.complete ? 'chron.recordingSealed' : 'chron.recordingSealedShort', {
        tracks: d.tracks,
        segments: d.segments,
        sha256: d.manifestSha256,
      });
      const holes =
        missing.length === 0
          ? ''
          : ` ${w.t('chron.recordingHoles', { holes: missing.map((c) => w.t('chron.recordingHole', { seconds: c.holeSeconds.toFixed(1), source: c.source, name: c.name })).join('; ') })}`;
      say(`${sealed}${holes}`);
    });
    on('recording.interrupted', (d) => {
      interruptedTracks.set(d.trackId, w.t('chron.trackOf', { source: w.phrase('source', d.source), person: who(d.participantId) }));
      say(w.t('chron.trackInterrupted', { source: w.phrase('source', d.source), person: who(d.participantId), cause: w.phrase('interruption', d.cause) }));
    });
    on('recording.disk_low', (d) => {
      say(d.minutesLeft === null ? w.t('chron.diskLow', { freeMb: d.freeMb }) : w.t('chron.diskLowRate', { freeMb: d.freeMb, minutes: d.minutesLeft }));
    });
    on('recording.disk_ok', (d) => say(w.t('chron.diskOk', { freeMb: d.freeMb })));
    on('recording.resumed', (d) => {
      const track = interruptedTracks.get(d.trackId);
      say(track ? capitalised(w.t('chron.trackResumed', { track })) : w.t('chron.trackResumedUnknown'));
    });
    on('recording.gap', (d) => {
      minutes.recording.gaps.push({
        recordingId: d.recordingId,
        participantId: d.participantId,
        name: nameOf(d.participantId),
        trackId: d.trackId,
        from: d.from,
        to: d.to,
        cause: d.cause,
        seq: event.seq,
      });
      say(w.t('chron.recordingGap', { person: who(d.participantId), from: clock(d.from), to: clock(d.to), cause: d.cause }));
    });
  };
}

/** Whether a recording was made, and each run in a sentence; a recording that could not be made is said to have failed. */
export function finishRecording(minutes: Minutes, w: MinutesWords): void {
  const runs = minutes.recording.runs.filter((r) => r.stopCause !== 'failed');
  if (runs.length > 0) {
    minutes.recording.made = true;
    minutes.recording.statement = runs
      .map((r) => {
        const values = { from: clock(r.started), to: r.stopped ? clock(r.stopped) : '', how: r.stoppedBecause ?? '', basis: r.legalBasis };
        const run = r.continues
          ? w.t(r.stopped ? 'recording.runResumed' : 'recording.runResumedOpen', values)
          : w.t(r.stopped ? 'recording.run' : 'recording.runOpen', values);
        return r.manifestSha256 ? `${run} ${w.t('recording.manifest', { sha256: r.manifestSha256 })}` : run;
      })
      .join(' ');
  } else if (minutes.recording.runs.length > 0) {
    minutes.recording.statement = w.t('recording.failed');
  }
}
