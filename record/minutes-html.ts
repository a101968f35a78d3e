/**
 * The minutes as a printable page: server-rendered HTML, every value escaped, no script and no
 * inline style (the Content-Security-Policy allows neither); the look comes from a stylesheet
 * (web/minutes.css, served as /assets/minutes.css) with print rules for A4.
 *
 * Where the minutes have a version in the requested state's language, each section is printed
 * side by side in both (the court's first), each in its own language and direction, so that a
 * reader of either can find the same statement in the other at the same height.
 *
 * Times are given in UTC, with each site's offset stated once at the top, so that a reader in
 * either state can convert them without ambiguity.
 */
import type { Minutes, Site } from './minutes.js';
import { MinutesWords, type MinutesKey } from './minutes-words.js';

export interface MinutesStatus {
  /** The record entry of the officer's latest statement (a correction is a new one); null until she makes one. The judge signs after it. */
  statementSeq?: number | null;
  /** The presiding judge's signature, with the court's key. */
  signed: { at: string; by: string | null; keyId: string; sha256: string; signature: string | null } | null;
  /** The officer's countersignature of the same bytes, with her authority's key. */
  countersigned?: { at: string; by: string | null; keyId: string; sha256: string; signature: string } | null;
  transmissions: { at: string; by: string | null; to: string; sha256: string }[];
  /** Every access, playback, export and verification of the hearing's recordings, from the record. */
  custody?: CustodyEntry[];
}

/** One entry of the recording's custody, as the record holds it; put in words in each version's language. */
export interface CustodyEntry {
  at: string;
  by: string | null;
  /** An operator's name where the step was taken on the server's command line. */
  operator: string | null;
  what:
    | { kind: 'accessed' }
    | { kind: 'played'; channel: string }
    | { kind: 'exported'; recipient: string | null; decrypted: boolean }
    | { kind: 'verified'; holds: boolean; problem: string | null; decrypted: boolean };
  recordingId: string;
  seq: number;
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const e = escapeHtml;

function time(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(11, 19)}`;
}

function offset(site: Site, iso: string): string | null {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone: site.timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName')?.value;
    return !part || part === 'GMT' ? 'UTC+0' : part.replace('GMT', 'UTC');
  } catch {
    return null;
  }
}

const table = (head: string[], rows: string[][], empty: string) =>
  rows.length === 0
    ? `<p class="none">${e(empty)}</p>`
    : `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

export function renderMinutesHtml(minutes: Minutes, status: MinutesStatus, options: { stylesheet?: string } = {}): string {
  const stylesheet = options.stylesheet ?? '/assets/minutes.css';
  const versions = [minutes, ...(minutes.translation ? [minutes.translation] : [])].map((m) => ({ m, w: new MinutesWords(m.language) }));
  const rendered = versions.map(({ m, w }) => sectionsOf(m, status, w));
  const court = versions[0]!.w;
  const attributes = (w: MinutesWords) => `lang="${e(w.language)}" dir="${w.dir}"`;
  /** One section in every version: side by side where there are two. */
  const pair = (index: number, className: string) => {
    const cells = rendered.map((sections, v) => `<div class="version" role="group" aria-label="${e(versions[v]!.w.t('html.versionOf', { language: versions[v]!.w.languageName(versions[v]!.m.language) }))}" ${attributes(versions[v]!.w)}>${sections[index]}</div>`).join('\n');
    return `<section class="${className}${versions.length > 1 ? ' side-by-side' : ''}">\n${cells}\n</section>`;
  };
  const sectionCount = rendered[0]!.length;
  const classes = (i: number) => (i === sectionCount - 2 ? 'chronology-section' : i === sectionCount - 1 ? 'integrity' : 'part');
  const m = minutes;
  return `<!doctype html>
<html ${attributes(court)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(court.t('html.title', { caseReference: m.hearing.caseReference, title: m.hearing.title }))}</title>
<link rel="stylesheet" href="${e(stylesheet)}">
</head>
<body>
<main class="minutes${versions.length > 1 ? ' two-languages' : ''}">
<header>
  ${versions.map(({ w }) => `<p class="kind" ${attributes(w)}>${e(w.t('html.kind'))}</p>`).join('\n  ')}
  <h1><bdi>${e(m.hearing.title)}</bdi></h1>
  ${versions.map(({ w }) => `<p class="case" ${attributes(w)}>${e(w.t('html.caseReference'))} <strong><bdi>${e(m.hearing.caseReference)}</bdi></strong></p>`).join('\n  ')}
  ${m.status === 'draft' ? versions.map(({ w }) => `<p class="draft" ${attributes(w)}>${e(w.t('html.draft'))}</p>`).join('\n  ') : ''}
  ${versions.map(({ w }) => `<p class="languages" ${attributes(w)}>${e(languagesStatement(m, w))}</p>`).join('\n  ')}
</header>
${Array.from({ length: sectionCount }, (_, i) => pair(i, classes(i))).join('\n')}
</main>
</body>
</html>
`;
}

/** Which languages the minutes are given in, and where the requested state's language has no version, that it must be translated. */
function languagesStatement(m: Minutes, w: MinutesWords): string {
  const court = w.languageName(m.language);
  if (m.translation) return w.t('html.languages.two', { court, requested: w.languageName(m.translation.language) });
  const requested = new Intl.Locale(m.languages.requested).language;
  if (requested === m.language) return w.t('html.languages.one', { court });
  return w.t('html.languages.missing', { court, requested: w.languageName(m.languages.requested) });
}

/** The sections of one version, in order; every version has the same sections, so that they pair up. */
function sectionsOf(m: Minutes, status: MinutesStatus, w: MinutesWords): string[] {
  const t = (key: MinutesKey, values?: Record<string, string | number>) => e(w.t(key, values));
  const utc = (iso: string | null) => (iso ? t('html.utc', { time: time(iso) }) : '—');
  /** A moment in full: its date in words and its time in UTC. */
  const moment = (iso: string) => w.t('html.dateTime', { date: w.date(iso), time: time(iso) });
  const muted = (text: string) => `<span class="muted">${text}</span>`;
  const name = (value: string) => `<bdi>${e(value)}</bdi>`;
  const duration = (from: string | null, to: string | null): string => {
    if (!from || !to) return '';
    const minutes = Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
    return minutes < 60 ? t('html.duration.minutes', { minutes }) : t('html.duration.hours', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  };
  const when = m.times.inSession ?? m.times.opened ?? m.hearing.scheduledStart;
  const siteName = (side: 'requesting' | 'requested' | null) => {
    if (!side) return muted(t('html.notRecorded'));
    const site = m.sites[side];
    const label = w.t(side === 'requesting' ? 'html.site.requesting' : 'html.site.requested');
    return site ? e(w.t('html.siteOf', { side: label, authority: site.authority, place: site.place })) : e(label);
  };
  const siteLine = (side: 'requesting' | 'requested') => {
    const site = m.sites[side];
    if (!site) return muted(t('html.notRecorded'));
    const shift = offset(site, when);
    return `${e(site.authority)}, ${e(site.place)} ${muted(`(${shift ? t('html.offset', { timeZone: site.timeZone, offset: shift }) : `${e(site.timeZone)}, ${t('html.offsetUnknown')}`})`)}`;
  };
  const attendance = (a: Minutes['participants'][number]['attendance']) =>
    a.length === 0
      ? muted(t('html.didNotConnect'))
      : a.map((s) => t(s.leftBecause === 'disconnected' ? 'html.stayConnectionLost' : 'html.stay', { from: time(s.entered), to: s.left ? time(s.left) : w.t('html.end') })).join(', ');

  const heard = m.personsHeard.map((p) => `
    <div class="person-heard">
      <p class="name">${name(p.name)}${p.realNameWithheld ? ` <span class="tag">${t('html.pseudonym')}</span>` : ''}</p>
      <dl>
        <dt>${t('html.dt.capacity')}</dt><dd>${e(p.capacity ?? p.function)}</dd>
        <dt>${t('html.dt.site')}</dt><dd>${siteName(p.site)}</dd>
        <dt>${t('html.dt.present')}</dt><dd>${attendance(p.attendance)}</dd>
        <dt>${t('html.dt.protectiveMeasures')}</dt><dd>${p.protectiveMeasures.length === 0 ? t('html.none') : p.protectiveMeasures.map((x) => `${e(x.measures.join('; '))} ${muted(t('html.orderedBy', { time: time(x.at), name: x.orderedBy ?? w.t('person.system') }))}`).join('<br>')}</dd>
        ${p.removed ? `<dt>${t('html.dt.removed')}</dt><dd>${time(p.removed.at)}: ${e(p.removed.reason)}</dd>` : ''}
      </dl>
    </div>`).join('');

  const others = table(
    [w.t('html.col.name'), w.t('html.col.function'), w.t('html.col.site'), w.t('html.col.presentUtc'), w.t('html.col.confirmed')],
    m.participants.map((p) => [
      name(p.name),
      e(p.function),
      siteName(p.site),
      attendance(p.attendance) + (p.removed ? `<br>${t('html.removedAt', { time: time(p.removed.at), reason: p.removed.reason })}` : ''),
      p.identityConfirmedAt ? time(p.identityConfirmedAt) : muted(t('no')),
    ]),
    w.t('html.empty.others'),
  );

  const gates = table(
    [w.t('html.col.timeUtc'), w.t('html.col.formality'), w.t('html.col.personHeard'), w.t('html.col.recordedBy'), w.t('html.col.details'), w.t('html.col.entry')],
    m.gates.map((g) => [time(g.at), t(`html.gate.${g.gate}`), name(g.name), g.by ? name(g.by) : '—', e(g.details), String(g.seq)]),
    w.t('html.empty.formalities'),
  );
  const oaths = m.oaths.length === 0
    ? `<p>${t('html.empty.oaths')}</p>`
    : `<ul>${m.oaths.map((o) => {
        const line = w.t('html.oath.line', { name: o.name, form: w.t(o.form === 'oath' ? 'html.form.oath' : 'html.form.affirmation'), language: w.languageName(o.language), time: time(o.at) });
        const via = o.via === 'interpreter' ? w.t('html.oath.viaInterpreter', { line, interpreter: o.interpreter ?? w.t('understood.interpreterOnDuty') }) : o.via === 'text' ? w.t('html.oath.viaText', { line }) : line;
        const source = o.text?.source === 'model' ? w.t('text.model') : o.text?.source === 'authority' ? w.t('text.authority') : '';
        return `<li>${e(via)}${o.text ? ` ${muted(t('html.oath.formula', { id: o.text.id, version: o.text.version, source, sha256: o.text.sha256.slice(0, 16) }))}` : ''}</li>`;
      }).join('')}</ul>`;
  const withdrawn = m.consent.withdrawn.length === 0 ? '' : `<p>${t('html.consentWithdrawn', { list: w.list(m.consent.withdrawn.map((x) => w.t('html.nameAt', { name: x.name, time: time(x.at) }))) })}</p>`;

  const testimony = table(
    [w.t('html.col.personHeard'), w.t('html.col.fromUtc'), w.t('html.col.toUtc'), w.t('html.col.duration')],
    m.testimony.map((x) => [name(x.name), time(x.started), x.ended ? time(x.ended) : muted(t('html.notEnded')), duration(x.started, x.ended)]),
    w.t('html.empty.evidence'),
  );

  const interventions = table(
    [w.t('html.col.timeUtc'), w.t('html.col.officer'), w.t('html.col.action'), w.t('html.col.reason'), w.t('html.col.entry')],
    m.interventions.map((i) => [time(i.at), i.by ? name(i.by) : '—', e(i.action), e(i.reason), String(i.seq)]),
    w.t('html.empty.interventions'),
  );
  const privileges = table(
    [w.t('html.col.timeUtc'), w.t('html.col.person'), w.t('html.col.basis'), w.t('html.col.entry')],
    m.privilegeClaims.map((c) => [time(c.at), name(c.name), e(c.basis), String(c.seq)]),
    w.t('html.empty.privileges'),
  );

  const pauses = table(
    [w.t('html.col.fromUtc'), w.t('html.col.toUtc'), w.t('html.col.duration'), w.t('html.col.cause'), w.t('html.col.reasonGiven')],
    m.pauses.map((p) => [time(p.from), p.to ? time(p.to) : muted(t('html.notLifted')), duration(p.from, p.to), e(p.cause), e(p.reason ?? '—')]),
    w.t('html.empty.pauses'),
  );
  const consultations = table(
    [w.t('html.col.fromUtc'), w.t('html.col.toUtc'), w.t('html.col.duration'), w.t('html.col.between')],
    m.consultations.map((c) => [time(c.started), c.ended ? time(c.ended) : muted(t('html.notEnded')), duration(c.started, c.ended), e(w.list(c.participants))]),
    w.t('html.empty.consultations'),
  );

  const endpoints = table(
    [w.t('html.col.participant'), w.t('html.col.endpoint'), w.t('html.col.codecs'), w.t('html.col.bitrates'), w.t('html.col.encryption'), w.t('html.col.roundTrip'), w.t('html.col.packetLoss')],
    m.technical.endpoints.map((x) => [
      name(x.name),
      e([x.browser, x.os].filter(Boolean).join(', ') || '—'),
      e(x.codecs.join(', ') || '—'),
      e([
        x.bitrateKbps.sendAudio !== undefined ? w.t('html.audioOut', { kbps: x.bitrateKbps.sendAudio }) : '',
        x.bitrateKbps.sendVideo !== undefined ? w.t('html.videoOut', { kbps: x.bitrateKbps.sendVideo }) : '',
        x.bitrateKbps.receive !== undefined ? w.t('html.received', { kbps: x.bitrateKbps.receive }) : '',
      ].filter(Boolean).join(', ') || '—'),
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
    m.technical.interruptions.map((i) => [time(i.at), i.restoredAt ? time(i.restoredAt) : muted(t('html.notRestored')), duration(i.at, i.restoredAt), i.name ? name(i.name) : t('person.everyone'), e(i.cause), String(i.seq)]),
    w.t('html.empty.interruptions'),
  );
  const audioOnly = table(
    [w.t('html.col.fromUtc'), w.t('html.col.toUtc'), w.t('html.col.duration'), w.t('html.col.who'), w.t('html.col.cause'), w.t('html.col.decidedBy'), w.t('html.col.figures'), w.t('html.col.entry')],
    m.technical.audioOnly.map((a) => [
      time(a.from), a.to ? time(a.to) : muted(t('html.untilEnd')), duration(a.from, a.to), name(a.name), a.cameraOff ? t('html.cameraStopped', { cause: a.cause }) : e(a.cause),
      a.decidedBy ? name(a.decidedBy) : t('html.decidedByServer'), e(a.reason ?? '—'), String(a.seq),
    ]),
    w.t('html.empty.audioOnly'),
  );

  const s = m.officerStatement;
  const statement = s
    ? `<p class="statement">${t('html.statement', { name: s.by ?? w.t('html.statementOfficer'), statement: s.text })} ${muted(t('html.statementWhere', { time: time(s.at), seq: s.seq }))}</p>`
    : `<p class="unsigned">${t('html.noStatement')}</p>`;

  const interpreters = m.interpreters.length === 0
    ? ''
    : table(
        [w.t('html.col.interpreter'), w.t('html.col.languages'), w.t('html.col.site'), w.t('html.col.interpretedUtc')],
        m.interpreters.map((x) => [
          name(x.name),
          e(x.pair ?? '—'),
          siteName(x.site),
          x.interpreted.length > 0
            ? x.interpreted.map((p) => t('html.channelStretch', { channel: w.languageName(p.channel), from: time(p.from), to: p.to ? time(p.to) : w.t('html.end') })).join('<br>')
            : muted(t(x.connected ? 'html.connectedDidNotInterpret' : 'html.didNotConnect')),
        ]),
        '',
      );

  const chronology = `<ol class="chronology">${m.chronology.map((c) => `<li><span class="time">${time(c.at)}</span> <span class="text">${e(c.text)}</span> <span class="entry">${t('html.entry', { seq: c.seq })}</span></li>`).join('')}</ol>`;

  const signed = status.signed;
  const signature = signed
    ? `<dl class="signature" data-signature="judge">
        <dt>${t('html.sig.signed')}</dt><dd>${signed.by ? t('html.sig.signedValueBy', { when: moment(signed.at), name: signed.by }) : t('html.sig.signedValue', { when: moment(signed.at) })}</dd>
        <dt>${t('html.sig.algorithm')}</dt><dd>${t('html.sig.algorithmValue', { url: `GET /hearings/${m.hearing.id}/minutes.json` })}</dd>
        <dt>${t('html.sig.sha256')}</dt><dd class="hash">${e(signed.sha256)}</dd>
        <dt>${t('html.sig.keyId')}</dt><dd class="hash">${e(signed.keyId)} ${muted(t('html.sig.publicKeys', { url: '/minutes-public-keys' }))}</dd>
        ${signed.signature ? `<dt>${t('html.sig.signature')}</dt><dd class="hash">${e(signed.signature)}</dd>` : ''}
      </dl>`
    : `<p class="unsigned">${t('html.sig.notSigned')}</p>`;
  const c = status.countersigned;
  const countersignature = c
    ? `<dl class="signature" data-signature="officer">
        <dt>${t('html.sig.countersigned')}</dt><dd>${c.by ? t('html.sig.countersignedValueBy', { when: moment(c.at), name: c.by }) : t('html.sig.countersignedValue', { when: moment(c.at) })}</dd>
        <dt>${t('html.sig.keyId')}</dt><dd class="hash">${e(c.keyId)}</dd>
        <dt>${t('html.sig.signature')}</dt><dd class="hash">${e(c.signature)}</dd>
      </dl>`
    : `<p class="unsigned">${t('html.sig.notCountersigned')}</p>`;
  const transmissions = status.transmissions.length === 0
    ? `<p>${t('html.sig.notTransmitted')}</p>`
    : `<ul>${status.transmissions.map((x) => {
        const values = { to: x.to, when: moment(x.at), sha256: x.sha256.slice(0, 16) };
        return `<li>${x.by ? t('html.sig.transmittedBy', { ...values, name: x.by }) : t('html.sig.transmitted', values)}</li>`;
      }).join('')}</ul>`;
  const custody = (status.custody ?? []).length === 0
    ? ''
    : `<h3>${t('html.h.custody')}</h3>
<ul class="custody">${(status.custody ?? []).map((x) => `<li>${t('custody.line', { when: moment(x.at), who: x.by ?? (x.operator ? w.t('custody.operator', { name: x.operator }) : w.t('html.sig.unknown')), what: custodyWords(x.what, w) })} ${muted(t('custody.where', { recordingId: x.recordingId.slice(0, 8), seq: x.seq }))}</li>`).join('')}</ul>`;

  const ended = () => {
    const { ended: at, endedBy, endReason } = m.times;
    if (!at) return '—';
    const when = endedBy ? w.t('html.endedBy', { time: time(at), name: endedBy }) : w.t('html.utc', { time: time(at) });
    return e(endReason ? w.t('html.endedBecause', { ended: when, reason: endReason }) : when);
  };

  let section = 0;
  /** Each heading numbered once, in the order the sections appear. */
  const h2 = (key: MinutesKey) => `<h2>${++section}. ${t(key)}</h2>`;
  return [
    `${h2('html.h.date')}
<dl>
  <dt>${t('html.dt.date')}</dt><dd>${m.dates.length === 0 ? muted(t('html.notOpened')) : m.dates.length === 1 ? e(w.date(`${m.dates[0]}T12:00:00Z`)) : t('html.dateRange', { from: w.date(`${m.dates[0]}T12:00:00Z`), to: w.date(`${m.dates.at(-1)}T12:00:00Z`) })}</dd>
  <dt>${t('html.dt.opened')}</dt><dd>${utc(m.times.opened)}</dd>
  <dt>${t('html.dt.inSession')}</dt><dd>${utc(m.times.inSession)}</dd>
  <dt>${t('html.dt.ended')}</dt><dd>${ended()}</dd>
  <dt>${t('html.dt.duration')}</dt><dd>${duration(m.times.inSession ?? m.times.opened, m.times.ended) || '—'}</dd>
  <dt>${t('html.dt.place')}</dt><dd>${t('html.placeValue')}</dd>
  <dt>${t('html.dt.seat')}</dt><dd>${siteLine('requesting')}</dd>
  <dt>${t('html.dt.siteHeard')}</dt><dd>${siteLine('requested')}</dd>
</dl>
<p class="note">${t('html.allUtc')}</p>`,
    `${h2('html.h.personHeard')}
${heard || `<p class="none">${t('html.empty.personHeard')}</p>`}`,
    `${h2('html.h.others')}
${others}`,
    `${h2('html.h.formalities')}
${gates}
<h3>${t('html.h.oaths')}</h3>
${oaths}
${withdrawn}`,
    `${h2('html.h.evidence')}
${testimony}`,
    `${h2('html.h.statement')}
${statement}`,
    `${h2('html.h.interventionsAndClaims')}
<h3>${t('html.h.interventions')}</h3>
${interventions}
<h3>${t('html.h.privileges')}</h3>
${privileges}`,
    `${h2('html.h.pausesAndConsultations')}
<h3>${t('html.h.pauses')}</h3>
${pauses}
<h3>${t('html.h.consultations')} ${muted(t('html.consultationsNote'))}</h3>
${consultations}`,
    `${h2('html.h.interpretation')}
${interpreters}
${interpretationSection(m.interpretation, w)}`,
    `${h2('html.h.technical')}
<h3>${t('html.h.endpoints')}</h3>
${endpoints}
<h3>${t('html.h.interruptions')}</h3>
${interruptions}
<h3>${t('html.h.incidents')}</h3>
${incidents}
<h3>${t('html.h.audioOnly')}</h3>
${audioOnly}`,
    `${h2('html.h.recording')}
${m.recording.segments.length > 0 ? table([w.t('html.col.segment'), w.t('html.col.from'), w.t('html.col.to'), 'SHA-256'], m.recording.segments.map((x) => [String(x.index), time(x.start), time(x.end), `<span class="hash">${e(x.sha256)}</span>`]), '') : ''}
<p>${e(m.recording.statement)}</p>
${m.recording.runs.length > 0 ? table([w.t('html.col.from'), w.t('html.col.to'), w.t('html.col.legalBasis'), w.t('html.col.tracks'), w.t('html.col.segments'), w.t('html.col.manifest')], m.recording.runs.map((r) => [time(r.started), r.stopped ? time(r.stopped) : muted(t('html.notStopped')), e(r.legalBasis), r.tracks === null ? '—' : String(r.tracks), r.segments === null ? '—' : String(r.segments), r.manifestSha256 ? `<span class="hash">${e(r.manifestSha256)}</span>` : '—']), '') : ''}
${recordingCoverage(m.recording.runs, w)}
${m.recording.gaps.length > 0 ? `<h3>${t('html.h.gaps')}</h3>${table([w.t('html.col.from'), w.t('html.col.to'), w.t('html.col.whoseTrack'), w.t('html.col.cause'), w.t('html.col.entry')], m.recording.gaps.map((g) => [time(g.from), time(g.to), name(g.name), e(g.cause), String(g.seq)]), '')}` : ''}`,
    `${h2('html.h.chronology')}
${chronology}`,
    `${h2('html.h.integrity')}
<p>${t('html.recordIntro', { entries: m.record.entries, throughSeq: m.record.throughSeq })} <span class="hash">${e(m.record.hashThrough)}</span></p>
${signature}
${countersignature}
${transmissions}
${custody}`,
  ];
}

/** What a custody entry says was done with the recording. */
function custodyWords(what: CustodyEntry['what'], w: MinutesWords): string {
  switch (what.kind) {
    case 'accessed':
      return w.t('custody.accessed');
    case 'played':
      return w.t('custody.played', { channel: what.channel === 'floor' ? w.t('channel.floor') : w.t('channel', { language: w.languageName(what.channel) }) });
    case 'exported': {
      const exported = what.recipient ? w.t('custody.exportedFor', { recipient: what.recipient }) : w.t('custody.exported');
      return what.decrypted ? w.t('custody.withDecrypted', { what: exported }) : exported;
    }
    case 'verified': {
      const verified = what.holds ? w.t('custody.holds') : w.t('custody.doesNotHold', { problem: what.problem ?? '—' });
      return what.decrypted ? w.t('custody.decryptedChecked', { what: verified }) : verified;
    }
  }
}

/** What of each track reached the disk, measured from the sealed files; a hole nothing explains is said so. */
function recordingCoverage(runs: Minutes['recording']['runs'], w: MinutesWords): string {
  const rows = runs.flatMap((r) => r.coverage);
  if (rows.length === 0) return '';
  const s = (x: number) => e(w.t('html.seconds', { seconds: x.toFixed(1) }));
  return `<h3>${e(w.t('html.h.coverage'))}</h3>${table(
    [w.t('html.col.whoseTrack'), w.t('html.col.source'), w.t('html.col.span'), w.t('html.col.recorded'), w.t('html.col.declared'), w.t('html.col.missing')],
    rows.map((c) => [`<bdi>${e(c.name)}</bdi>`, e(c.source), s(c.spanSeconds), s(c.recordedSeconds), s(c.declaredSeconds), c.holeSeconds > 0 ? `<strong>${s(c.holeSeconds)}</strong>` : e(w.t('html.none'))]),
    '',
  )}`;
}

/** Who interpreted which channel when, from what; handovers, modes, requests to slow down, problems flagged. */
function interpretationSection(i: Minutes['interpretation'], w: MinutesWords): string {
  const t = (key: MinutesKey, values?: Record<string, string | number>) => e(w.t(key, values));
  const name = (value: string) => `<bdi>${e(value)}</bdi>`;
  if (i.channels.length === 0 && i.periods.length === 0 && i.problems.length === 0) return `<p class="none">${t('html.empty.channels')}</p>`;
  const periods = table(
    [w.t('html.col.channel'), w.t('html.col.interpreter'), w.t('html.col.fromUtc'), w.t('html.col.toUtc'), w.t('html.col.interpretingFrom'), w.t('html.col.endedHow'), w.t('html.col.entry')],
    i.periods.map((p) => [e(w.languageName(p.channel)), name(p.name), time(p.from), p.to ? time(p.to) : `<span class="muted">${t('html.stillLive')}</span>`, e(p.source), e(p.endedBy ?? '—'), String(p.seq)]),
    w.t('html.empty.periods'),
  );
  const modes = i.modes.length === 0
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
  // Who was assigned to which channel is the interpreters' table above: here, what happened on the channels.
  return `<h3>${t('html.h.mode')}</h3>
${modes}
<h3>${t('html.h.periods')}</h3>
${periods}
<h3>${t('html.h.handovers')}</h3>
${handovers}
<h3>${t('html.h.slowDowns')}</h3>
${slowDowns}
<h3>${t('html.h.problems')}</h3>
${problems}`;
}
