/**
 * The judge's control of the recording: off until she starts it, and only with a legal basis, which
 * the record keeps; while it runs, what is not reaching the disk (whose track, and why), a disk about
 * to fill, and a stretch lost to a server restart; after a fault ended it, the way to start it again.
 */
import type { MessageKey } from '../../language/index.js';
import type { CourtView, ParticipantView } from '../../signaling/protocol.js';
import { time, type ConsoleWriting } from './console-writing.js';
import { h } from './dom.js';

/** Whose track is not recorded, by its source, and why: the words the judge reads. */
const RECORDING_SOURCE_KEYS: Record<string, MessageKey> = {
  microphone: 'recording.source.microphone',
  camera: 'recording.source.camera',
  screen: 'recording.source.screen',
  interpretation: 'recording.source.interpretation',
};
const RECORDING_CAUSE_KEYS: Record<string, MessageKey> = {
  recorder_failed: 'recording.cause.recorder_failed',
  recorder_given_up: 'recording.cause.recorder_given_up',
  media_server_lost: 'recording.cause.media_server_lost',
  disk_full: 'recording.cause.disk_full',
  write_failed: 'recording.cause.write_failed',
};
/** Why a recording ended without anyone stopping it. */
const RECORDING_CUT_SHORT_KEYS: Record<string, MessageKey> = {
  failed: 'recording.cutShort.failed',
  server_stopped: 'recording.cutShort.server_stopped',
  server_failed: 'recording.cutShort.server_failed',
  server_moved: 'recording.cutShort.server_moved',
};

/** Recording is off until the judge starts it, and only with a legal basis, which the record keeps. */
export function recordingControl(w: ConsoleWriting, view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): HTMLElement | null {
  if (view.phase === 'ended') return null;
  if (view.recording) {
    const interrupted = view.recording.interrupted;
    const running = h(
      'div',
      { class: 'button-row' },
      h('p', {}, w.t('console.recordingSince', { time: time(view.recording.since), basis: view.recording.legalBasis })),
      w.button(
        w.t('console.stopRecording'),
        'court:stop-recording',
        {},
        w.confirmFirst('console.stopRecordingConfirm', 'console.stopRecording', 'console.stopRecordingKeep'),
      ),
    );
    const diskLow = view.recording.diskLow;
    // Told before the disk is full, while space can still be freed.
    const diskWarning = diskLow
      ? h(
          'div',
          { class: 'recording-interrupted', 'data-recording-disk-low': 'true', role: 'status' },
          h('p', { class: 'recording-interrupted-title' }, w.t('recording.diskLow', { freeMb: diskLow.freeMb })),
          diskLow.minutesLeft !== null && diskLow.minutesLeft < 120
            ? h('p', {}, w.t('recording.diskLowMinutes', { minutes: Math.max(1, diskLow.minutesLeft) }))
            : null,
          h('p', {}, w.t('recording.diskLowAction')),
        )
      : null;
    // Resumed by the server after it restarted, or by the server that took the hearing over: the judge knows there is a stretch nothing recorded.
    const resumed = view.recording.resumedAfter
      ? h(
          'p',
          { class: 'recording-resumed', 'data-recording-resumed': 'true', role: 'status' },
          w.t(view.recording.resumedAfter.moved ? 'recording.resumedAfterMove' : 'recording.resumedAfterRestart', {
            cutAt: time(view.recording.resumedAfter.cutAt),
            time: time(view.recording.since),
          }),
        )
      : null;
    if (interrupted.length === 0) return diskWarning || resumed ? h('div', {}, running, resumed, diskWarning) : running;
    // What is not reaching the disk, whose and why, so the judge can decide to pause: never a mark over nothing.
    return h(
      'div',
      {},
      running,
      resumed,
      h(
        'div',
        { class: 'recording-interrupted', 'data-recording-interrupted': 'true' },
        h('p', { class: 'recording-interrupted-title' }, w.t('recording.interrupted')),
        h(
          'ul',
          {},
          ...interrupted.map((i) =>
            h(
              'li',
              {},
              w.t('recording.notRecorded', {
                // The judge's own track too: a name, never an identifier.
                name: people.get(i.participantId)?.displayName ?? (i.participantId === selfId ? w.t('court.you') : w.t('court.someone')),
                source: w.t(RECORDING_SOURCE_KEYS[i.source] ?? 'recording.source.microphone'),
                cause: w.t(RECORDING_CAUSE_KEYS[i.cause] ?? 'recording.cause.write_failed'),
                time: time(i.since),
              }),
            ),
          ),
        ),
        h('p', {}, w.t('recording.mayPause')),
      ),
      diskWarning,
    );
  }
  const cut = view.recordingCutShort;
  const legalBasis = h('input', { name: 'legalBasis', required: true, minlength: '3', maxlength: '500', autocomplete: 'off' }) as HTMLInputElement;
  const start = h(
    'form',
    { 'data-command': 'court:start-recording', class: 'gate-form', 'aria-label': w.t('recording.mark') },
    h('label', {}, w.t('console.legalBasis'), legalBasis),
    h('button', { type: 'submit' }, w.t('console.startRecording')),
  );
  if (!cut) return start;
  // A recording a fault ended: the judge is told nothing is recorded any more, and can start it again at once.
  // As its default, so that the form's reset after a command keeps it too.
  legalBasis.defaultValue = cut.legalBasis;
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'recording-interrupted', 'data-recording-cut-short': 'true', role: 'status' },
      h(
        'p',
        { class: 'recording-interrupted-title' },
        w.t('recording.cutShort', { time: time(cut.at), cause: w.t(RECORDING_CUT_SHORT_KEYS[cut.cause] ?? 'recording.cutShort.failed') }),
      ),
      h('p', {}, w.t('recording.startAgain')),
    ),
    start,
  );
}
