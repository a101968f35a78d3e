/** Interpretation in the printed minutes: every interpreter summoned and what they did, then what happened on the channels. */
import { escapeHtml as e, subsections, table, time, type Page } from './minutes-html-page.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesKey, MinutesWords } from './minutes-words.js';

export function interpretation(page: Page): string {
  const { m, w, t, muted, name, siteName } = page;
  const interpreters =
    m.interpreters.length === 0
      ? ''
      : table(
          [w.t('html.col.interpreter'), w.t('html.col.languages'), w.t('html.col.site'), w.t('html.col.interpretedUtc')],
          m.interpreters.map((x) => [
            name(x.name),
            e(x.pair ?? '—'),
            siteName(x.site),
            x.interpreted.length > 0
              ? x.interpreted
                  .map((p) => t('html.channelStretch', { channel: w.languageName(p.channel), from: time(p.from), to: p.to ? time(p.to) : w.t('html.end') }))
                  .join('<br>')
              : muted(t(x.connected ? 'html.connectedDidNotInterpret' : 'html.didNotConnect')),
          ]),
          '',
        );
  return `${interpreters}
${interpretationSection(m.interpretation, w)}`;
}

/** Who interpreted which channel when, from what; handovers, modes, requests to slow down, problems flagged. */
function interpretationSection(i: Minutes['interpretation'], w: MinutesWords): string {
  const t = (key: MinutesKey, values?: Record<string, string | number>) => e(w.t(key, values));
  const name = (value: string) => `<bdi>${e(value)}</bdi>`;
  if (i.channels.length === 0 && i.periods.length === 0 && i.problems.length === 0 && !i.captions) return `<p class="none">${t('html.empty.channels')}</p>`;
  const periods = table(
    [
      w.t('html.col.channel'),
      w.t('html.col.interpreter'),
      w.t('html.col.fromUtc'),
      w.t('html.col.toUtc'),
      w.t('html.col.interpretingFrom'),
      w.t('html.col.endedHow'),
      w.t('html.col.entry'),
    ],
    i.periods.map((p) => [
      e(w.languageName(p.channel)),
      name(p.name),
      time(p.from),
      p.to ? time(p.to) : `<span class="muted">${t('html.stillLive')}</span>`,
      e(p.source),
      e(p.endedBy ?? '—'),
      String(p.seq),
    ]),
    w.t('html.empty.periods'),
  );
  const modes =
    i.modes.length === 0
      ? `<p>${t('html.simultaneousThroughout')}</p>`
      : `<ul>${i.modes.map((x) => `<li>${x.by ? t('html.modeLineBy', { time: time(x.at), mode: w.phrase('mode', x.mode), name: x.by, seq: x.seq }) : t('html.modeLine', { time: time(x.at), mode: w.phrase('mode', x.mode), seq: x.seq })}</li>`).join('')}</ul>`;
  const handovers = table(
    [w.t('html.col.timeUtc'), w.t('html.col.channel'), w.t('html.col.handedFrom'), w.t('html.col.handedTo'), w.t('html.col.entry')],
    i.handovers.map((h) => [time(h.at), e(w.languageName(h.channel)), name(h.from), name(h.to), String(h.seq)]),
    w.t('html.empty.handovers'),
  );
  const slowDowns = table(
    [w.t('html.col.timeUtc'), w.t('html.col.channel'), w.t('html.col.interpreter'), w.t('html.col.entry')],
    i.slowDowns.map((x) => [time(x.at), e(w.languageName(x.channel)), name(x.name), String(x.seq)]),
    w.t('html.empty.slowDowns'),
  );
  const problems = table(
    [w.t('html.col.timeUtc'), w.t('html.col.channel'), w.t('html.col.flaggedBy'), w.t('html.col.problem'), w.t('html.col.entry')],
    i.problems.map((x) => [time(x.at), x.channel ? e(w.languageName(x.channel)) : '—', name(x.name), e(x.text), String(x.seq)]),
    w.t('html.empty.problems'),
  );
  // Sound checks only where one was made: the minutes of other hearings keep their bytes.
  const soundChecks = i.soundChecks
    ? table(
        [
          w.t('html.col.timeUtc'),
          w.t('html.col.interpreter'),
          w.t('html.col.personHeard'),
          w.t('html.col.soundResult'),
          w.t('html.col.details'),
          w.t('html.col.entry'),
        ],
        i.soundChecks.map((x) => [
          time(x.at),
          name(x.interpreter),
          name(x.person),
          t(x.go ? 'html.sound.go' : 'html.sound.noGo'),
          e(x.note ? `${x.figures} — ${x.note}` : x.figures),
          String(x.seq),
        ]),
        '—',
      )
    : null;
  const captions = i.captions
    ? table(
        [w.t('html.col.timeUtc'), w.t('html.col.captioner'), w.t('html.col.caption'), w.t('html.col.entry')],
        i.captions.map((x) => [time(x.at), name(x.name), `<span lang="${e(x.language)}">${e(x.text)}</span>`, String(x.seq)]),
        '—',
      )
    : null;
  // Who was assigned to which channel is the interpreters' table above: here, what happened on the channels.
  return subsections([
    [t('html.h.mode'), modes],
    [t('html.h.periods'), periods],
    [t('html.h.handovers'), handovers],
    ...(soundChecks ? ([[t('html.h.soundChecks'), soundChecks]] as [string, string][]) : []),
    [t('html.h.slowDowns'), slowDowns],
    [t('html.h.problems'), problems],
    ...(captions ? ([[t('html.h.captions'), captions]] as [string, string][]) : []),
  ]);
}
