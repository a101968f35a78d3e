/** The technical conditions and the recording, in the printed minutes. */
import { escapeHtml as e, subsections, table, time, type Page } from './minutes-html-page.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

export function technical(page: Page): string {
  const { m, w, t, muted, name, duration } = page;
  const endpoints = table(
    [
      w.t('html.col.participant'),
      w.t('html.col.endpoint'),
      w.t('html.col.codecs'),
      w.t('html.col.bitrates'),
      w.t('html.col.encryption'),
      w.t('html.col.roundTrip'),
      w.t('html.col.packetLoss'),
    ],
    m.technical.endpoints.map((x) => [
      name(x.name),
      e([x.browser, x.os].filter(Boolean).join(', ') || '—'),
      e(x.codecs.join(', ') || '—'),
      e(
        [
          x.bitrateKbps.sendAudio !== undefined ? w.t('html.audioOut', { kbps: x.bitrateKbps.sendAudio }) : '',
          x.bitrateKbps.sendVideo !== undefined ? w.t('html.videoOut', { kbps: x.bitrateKbps.sendVideo }) : '',
          x.bitrateKbps.receive !== undefined ? w.t('html.received', { kbps: x.bitrateKbps.receive }) : '',
        ]
          .filter(Boolean)
          .join(', ') || '—',
      ),
      e(x.encryption),
      x.roundTripMs === null ? '—' : `${e(x.roundTripMs)} ms`,
      x.packetLossPercent === null ? '—' : `${e(x.packetLossPercent)} %`,
    ]),
    w.t('html.empty.endpoints'),
  );
  const incidents = table(
    [w.t('html.col.timeUtc'), w.t('html.col.participant'), w.t('html.col.measure'), w.t('html.col.value'), w.t('html.col.threshold'), w.t('html.col.entry')],
    m.technical.incidents.map((i) => [time(i.at), name(i.name), e(i.metric), e(i.value), e(i.threshold), String(i.seq)]),
    w.t('html.empty.incidents'),
  );
  const interruptions = table(
    [w.t('html.col.fromUtc'), w.t('html.col.restoredUtc'), w.t('html.col.duration'), w.t('html.col.who'), w.t('html.col.cause'), w.t('html.col.entry')],
    m.technical.interruptions.map((i) => [
      time(i.at),
      i.restoredAt ? time(i.restoredAt) : muted(t('html.notRestored')),
      duration(i.at, i.restoredAt),
      i.name ? name(i.name) : t('person.everyone'),
      e(i.cause),
      String(i.seq),
    ]),
    w.t('html.empty.interruptions'),
  );
  const audioOnly = table(
    [
      w.t('html.col.fromUtc'),
      w.t('html.col.toUtc'),
      w.t('html.col.duration'),
      w.t('html.col.who'),
      w.t('html.col.cause'),
      w.t('html.col.decidedBy'),
      w.t('html.col.figures'),
      w.t('html.col.entry'),
    ],
    m.technical.audioOnly.map((a) => [
      time(a.from),
      a.to ? time(a.to) : muted(t('html.untilEnd')),
      duration(a.from, a.to),
      name(a.name),
      a.cameraOff ? t('html.cameraStopped', { cause: a.cause }) : e(a.cause),
      a.decidedBy ? name(a.decidedBy) : t('html.decidedByServer'),
      e(a.reason ?? '—'),
      String(a.seq),
    ]),
    w.t('html.empty.audioOnly'),
  );
  return subsections([
    [t('html.h.endpoints'), endpoints],
    [t('html.h.interruptions'), interruptions],
    [t('html.h.incidents'), incidents],
    [t('html.h.audioOnly'), audioOnly],
  ]);
}

export function recording(page: Page): string {
  const { m, w, t, muted, name } = page;
  return `${
    m.recording.segments.length > 0
      ? table(
          [w.t('html.col.segment'), w.t('html.col.from'), w.t('html.col.to'), 'SHA-256'],
          m.recording.segments.map((x) => [String(x.index), time(x.start), time(x.end), `<span class="hash">${e(x.sha256)}</span>`]),
          '',
        )
      : ''
  }
<p>${e(m.recording.statement)}</p>
${
  m.recording.runs.length > 0
    ? table(
        [w.t('html.col.from'), w.t('html.col.to'), w.t('html.col.legalBasis'), w.t('html.col.tracks'), w.t('html.col.segments'), w.t('html.col.manifest')],
        m.recording.runs.map((r) => [
          time(r.started),
          r.stopped ? time(r.stopped) : muted(t('html.notStopped')),
          e(r.legalBasis),
          r.tracks === null ? '—' : String(r.tracks),
          r.segments === null ? '—' : String(r.segments),
          r.manifestSha256 ? `<span class="hash">${e(r.manifestSha256)}</span>` : '—',
        ]),
        '',
      )
    : ''
}
${recordingCoverage(m.recording.runs, w)}
${
  m.recording.gaps.length > 0
    ? `<h3>${t('html.h.gaps')}</h3>${table(
        [w.t('html.col.from'), w.t('html.col.to'), w.t('html.col.whoseTrack'), w.t('html.col.cause'), w.t('html.col.entry')],
        m.recording.gaps.map((g) => [time(g.from), time(g.to), name(g.name), e(g.cause), String(g.seq)]),
        '',
      )}`
    : ''
}`;
}

/** What of each track reached the disk, measured from the sealed files; a hole nothing explains is said so. */
function recordingCoverage(runs: Minutes['recording']['runs'], w: MinutesWords): string {
  const rows = runs.flatMap((r) => r.coverage);
  if (rows.length === 0) return '';
  const s = (x: number) => e(w.t('html.seconds', { seconds: x.toFixed(1) }));
  return `<h3>${e(w.t('html.h.coverage'))}</h3>${table(
    [w.t('html.col.whoseTrack'), w.t('html.col.source'), w.t('html.col.span'), w.t('html.col.recorded'), w.t('html.col.declared'), w.t('html.col.missing')],
    rows.map((c) => [
      `<bdi>${e(c.name)}</bdi>`,
      e(c.source),
      s(c.spanSeconds),
      s(c.recordedSeconds),
      s(c.declaredSeconds),
      c.holeSeconds > 0 ? `<strong>${s(c.holeSeconds)}</strong>` : e(w.t('html.none')),
    ]),
    '',
  )}`;
}
