/**
 * The minutes as a printable page: server-rendered HTML, every value escaped, no script and no
 * inline style (the Content-Security-Policy allows neither); the look comes from a stylesheet
 * (web/minutes.css, served as /assets/minutes.css) with print rules for A4.
 *
 * Times are given in UTC, with each site's offset stated once at the top, so that a reader in
 * either state can convert them without ambiguity.
 */
import type { Minutes, Site } from './minutes.js';
import { languageName, officerStatementText } from './minutes.js';

export interface MinutesStatus {
  /** The record entry of the officer's latest statement (a correction is a new one); null until she makes one. The judge signs after it. */
  statementSeq?: number | null;
  /** The presiding judge's signature, with the court's key. */
  signed: { at: string; by: string | null; keyId: string; sha256: string; signature: string | null } | null;
  /** The officer's countersignature of the same bytes, with her authority's key. */
  countersigned?: { at: string; by: string | null; keyId: string; sha256: string; signature: string } | null;
  transmissions: { at: string; by: string | null; to: string; sha256: string }[];
  /** Every access, playback, export and verification of the hearing's recordings, from the record. */
  custody?: { at: string; by: string | null; what: string; recordingId: string; seq: number }[];
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const e = escapeHtml;

function time(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(11, 19)}`;
}

function dateTime(iso: string | null): string {
  if (!iso) return '—';
  return `${longDate(iso)}, ${iso.slice(11, 19)} UTC`;
}

function longDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

function offset(site: Site, iso: string): string {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone: site.timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName')?.value;
    return !part || part === 'GMT' ? 'UTC+0' : part.replace('GMT', 'UTC');
  } catch {
    return 'offset unknown';
  }
}

function minutesBetween(from: string | null, to: string | null): string {
  if (!from || !to) return '';
  const m = Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

const table = (head: string[], rows: string[][], empty: string) =>
  rows.length === 0
    ? `<p class="none">${e(empty)}</p>`
    : `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const SITE_LABEL = { requesting: 'requesting state', requested: 'requested state' } as const;
const GATE_LABEL = { identity: 'Identity verified', rights: 'Rights and caution acknowledged', consent: 'Consent given', oath: 'Oath or affirmation' } as const;

export function renderMinutesHtml(minutes: Minutes, status: MinutesStatus, options: { stylesheet?: string } = {}): string {
  const m = minutes;
  const stylesheet = options.stylesheet ?? '/assets/minutes.css';
  const when = m.times.inSession ?? m.times.opened ?? m.hearing.scheduledStart;
  const siteName = (side: 'requesting' | 'requested' | null) => {
    if (!side) return '<span class="muted">not recorded</span>';
    const site = m.sites[side];
    return `${e(SITE_LABEL[side])}${site ? ` <span class="muted">(${e(site.authority)}, ${e(site.place)})</span>` : ''}`;
  };
  const siteLine = (side: 'requesting' | 'requested') => {
    const site = m.sites[side];
    return site
      ? `${e(site.authority)}, ${e(site.place)} <span class="muted">(${e(site.timeZone)}, ${e(offset(site, when))} on that day)</span>`
      : '<span class="muted">not recorded</span>';
  };
  const attendance = (a: Minutes['participants'][number]['attendance']) =>
    a.length === 0
      ? '<span class="muted">did not connect</span>'
      : a.map((s) => `${time(s.entered)}–${s.left ? time(s.left) : 'end'}${s.leftBecause === 'disconnected' ? ' (connection lost)' : ''}`).join(', ');

  const heard = m.personsHeard.map((p) => `
    <div class="person-heard">
      <p class="name">${e(p.name)}${p.realNameWithheld ? ' <span class="tag">pseudonym — real name withheld</span>' : ''}</p>
      <dl>
        <dt>Capacity</dt><dd>${e(p.capacity ?? p.function)}</dd>
        <dt>Site</dt><dd>${siteName(p.site)}</dd>
        <dt>Present</dt><dd>${attendance(p.attendance)}</dd>
        <dt>Protective measures</dt><dd>${p.protectiveMeasures.length === 0 ? 'none' : p.protectiveMeasures.map((x) => `${e(x.measures.join('; '))} <span class="muted">(ordered ${time(x.at)} by ${e(x.orderedBy ?? 'the system')})</span>`).join('<br>')}</dd>
        ${p.removed ? `<dt>Removed</dt><dd>${time(p.removed.at)}: ${e(p.removed.reason)}</dd>` : ''}
      </dl>
    </div>`).join('');

  const others = table(
    ['Name', 'Function', 'Site', 'Present (UTC)', 'Name and function confirmed'],
    m.participants.map((p) => [
      e(p.name),
      e(p.function),
      siteName(p.site),
      attendance(p.attendance) + (p.removed ? `<br>removed ${time(p.removed.at)}: ${e(p.removed.reason)}` : ''),
      p.identityConfirmedAt ? time(p.identityConfirmedAt) : '<span class="muted">no</span>',
    ]),
    'No other participant.',
  );

  const gates = table(
    ['Time (UTC)', 'Formality', 'Person heard', 'Recorded by', 'Details', 'Entry'],
    m.gates.map((g) => [time(g.at), e(GATE_LABEL[g.gate]), e(g.name), e(g.by ?? '—'), e(g.details), String(g.seq)]),
    'No formality was recorded.',
  );
  const oaths = m.oaths.length === 0
    ? '<p>No oath or affirmation was taken.</p>'
    : `<ul>${m.oaths.map((o) => `<li>${e(o.name)}: ${o.form === 'oath' ? 'oath' : 'affirmation'} in ${e(languageName(o.language))} at ${time(o.at)} UTC${o.via === 'interpreter' ? `, through the interpreter ${e(o.interpreter ?? 'on duty')}` : o.via === 'text' ? ', read in her own language' : ''}${o.text ? ` <span class="muted">(formula ${e(o.text.id)} version ${e(o.text.version)}${o.text.source === 'model' ? ', model text' : o.text.source === 'authority' ? ', the authority’s approved text' : ''}, SHA-256 ${e(o.text.sha256.slice(0, 16))}…)</span>` : ''}</li>`).join('')}</ul>`;
  const withdrawn = m.consent.withdrawn.length === 0 ? '' : `<p>Consent withdrawn: ${m.consent.withdrawn.map((w) => `${e(w.name)} at ${time(w.at)} UTC`).join('; ')}.</p>`;

  const testimony = table(
    ['Person heard', 'From (UTC)', 'To (UTC)', 'Duration'],
    m.testimony.map((t) => [e(t.name), time(t.started), t.ended ? time(t.ended) : '<span class="muted">not ended</span>', minutesBetween(t.started, t.ended)]),
    'No evidence was given.',
  );

  const interventions = table(
    ['Time (UTC)', 'Officer', 'Action', 'Reason', 'Entry'],
    m.interventions.map((i) => [time(i.at), e(i.by ?? '—'), e(i.action), e(i.reason), String(i.seq)]),
    'The requested-state officer did not intervene.',
  );
  const privileges = table(
    ['Time (UTC)', 'Person', 'Basis of the claim', 'Entry'],
    m.privilegeClaims.map((c) => [time(c.at), e(c.name), e(c.basis), String(c.seq)]),
    'No privilege was claimed.',
  );

  const pauses = table(
    ['From (UTC)', 'To (UTC)', 'Duration', 'Cause', 'Reason given'],
    m.pauses.map((p) => [time(p.from), p.to ? time(p.to) : '<span class="muted">not lifted</span>', minutesBetween(p.from, p.to), e(p.cause), e(p.reason ?? '—')]),
    'The hearing was not paused.',
  );
  const consultations = table(
    ['From (UTC)', 'To (UTC)', 'Duration', 'Between'],
    m.consultations.map((c) => [time(c.started), c.ended ? time(c.ended) : '<span class="muted">not ended</span>', minutesBetween(c.started, c.ended), e(c.participants.join(' and '))]),
    'No private consultation took place.',
  );

  const interpretation = interpretationSection(m.interpretation);

  const endpoints = table(
    ['Participant', 'Endpoint', 'Codecs', 'Bitrates (kbit/s)', 'Encryption', 'Round trip', 'Packet loss'],
    m.technical.endpoints.map((x) => [
      e(x.name),
      e([x.browser, x.os].filter(Boolean).join(', ') || '—'),
      e(x.codecs.join(', ') || '—'),
      e([
        x.bitrateKbps.sendAudio !== undefined ? `audio out ${x.bitrateKbps.sendAudio}` : '',
        x.bitrateKbps.sendVideo !== undefined ? `video out ${x.bitrateKbps.sendVideo}` : '',
        x.bitrateKbps.receive !== undefined ? `in ${x.bitrateKbps.receive}` : '',
      ].filter(Boolean).join(', ') || '—'),
      e(x.encryption),
      x.roundTripMs === null ? '—' : `${e(x.roundTripMs)} ms`,
      x.packetLossPercent === null ? '—' : `${e(x.packetLossPercent)} %`,
    ]),
    'No connection figures were recorded.',
  );
  const incidents = table(
    ['Time (UTC)', 'Participant', 'Measure', 'Value', 'Threshold', 'Entry'],
    m.technical.incidents.map((i) => [time(i.at), e(i.name), e(i.metric), e(i.value), e(i.threshold), String(i.seq)]),
    'No quality incident was recorded.',
  );
  const interruptions = table(
    ['From (UTC)', 'Restored (UTC)', 'Duration', 'Who', 'Cause', 'Entry'],
    m.technical.interruptions.map((i) => [time(i.at), i.restoredAt ? time(i.restoredAt) : '<span class="muted">not restored</span>', minutesBetween(i.at, i.restoredAt), e(i.name ?? 'everyone'), e(i.cause), String(i.seq)]),
    'No interruption was recorded.',
  );

  const audioOnly = table(
    ['From (UTC)', 'To (UTC)', 'Duration', 'Who', 'Cause', 'Decided by', 'Figures', 'Entry'],
    m.technical.audioOnly.map((a) => [
      time(a.from), a.to ? time(a.to) : '<span class="muted">until the end</span>', minutesBetween(a.from, a.to), e(a.name), e(a.cause + (a.cameraOff ? '; camera stopped' : '')),
      e(a.decidedBy ?? 'the server, from the figures'), e(a.reason ?? '—'), String(a.seq),
    ]),
    'Every participant received video throughout.',
  );

  const statement = m.officerStatement
    ? `<p class="statement">${e(m.officerStatement.by ?? 'The requested-state officer')}, requested-state officer, stated for the minutes that ${e(officerStatementText(m.officerStatement))}. <span class="muted">(${time(m.officerStatement.at)} UTC, entry ${m.officerStatement.seq})</span></p>`
    : '<p class="unsigned">The requested-state officer has made no statement for the minutes.</p>';

  const interpreters = m.interpreters.length === 0
    ? ''
    : table(
        ['Interpreter', 'Languages', 'Site', 'Interpreted (UTC)'],
        m.interpreters.map((x) => [
          e(x.name),
          e(x.pair ?? '—'),
          siteName(x.site),
          x.interpreted.length > 0
            ? x.interpreted.map((p) => `${e(languageName(p.channel))} ${time(p.from)}–${p.to ? time(p.to) : 'end'}`).join('<br>')
            : `<span class="muted">${x.connected ? 'connected, but did not interpret' : 'did not connect'}</span>`,
        ]),
        '',
      );

  let section = 0;
  /** Each heading numbered once, in the order the sections appear. */
  const n = () => `${++section}. `;
  const chronology = `<ol class="chronology">${m.chronology.map((c) => `<li><span class="time">${time(c.at)}</span> <span class="text">${e(c.text)}</span> <span class="entry">entry ${c.seq}</span></li>`).join('')}</ol>`;

  const signature = status.signed
    ? `<dl class="signature" data-signature="judge">
        <dt>Signed</dt><dd>${dateTime(status.signed.at)}${status.signed.by ? `, by ${e(status.signed.by)}` : ''}, presiding judge, with the key of the requesting court</dd>
        <dt>Algorithm</dt><dd>Ed25519 over the minutes’ canonical JSON (GET /hearings/${e(m.hearing.id)}/minutes.json)</dd>
        <dt>SHA-256 of the minutes</dt><dd class="hash">${e(status.signed.sha256)}</dd>
        <dt>Key id</dt><dd class="hash">${e(status.signed.keyId)} <span class="muted">(public keys at /minutes-public-keys)</span></dd>
        ${status.signed.signature ? `<dt>Signature</dt><dd class="hash">${e(status.signed.signature)}</dd>` : ''}
      </dl>`
    : '<p class="unsigned">The presiding judge has not signed these minutes.</p>';
  const countersignature = status.countersigned
    ? `<dl class="signature" data-signature="officer">
        <dt>Countersigned</dt><dd>${dateTime(status.countersigned.at)}${status.countersigned.by ? `, by ${e(status.countersigned.by)}` : ''}, requested-state officer, with the key of the requested authority</dd>
        <dt>Key id</dt><dd class="hash">${e(status.countersigned.keyId)}</dd>
        <dt>Signature</dt><dd class="hash">${e(status.countersigned.signature)}</dd>
      </dl>`
    : '<p class="unsigned">The requested-state officer has not countersigned these minutes.</p>';
  const transmissions = status.transmissions.length === 0
    ? '<p>Not yet transmitted to the requesting authority.</p>'
    : `<ul>${status.transmissions.map((t) => `<li>Transmitted to ${e(t.to)} on ${dateTime(t.at)}${t.by ? ` by ${e(t.by)}` : ''} (SHA-256 ${e(t.sha256.slice(0, 16))}…)</li>`).join('')}</ul>`;
  const custody = (status.custody ?? []).length === 0
    ? ''
    : `<h3>Custody of the recording</h3>
<ul class="custody">${(status.custody ?? []).map((c) => `<li>${dateTime(c.at)}: ${e(c.by ?? 'unknown')} ${e(c.what)} <span class="muted">(recording ${e(c.recordingId.slice(0, 8))}…, record entry ${c.seq})</span></li>`).join('')}</ul>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Minutes — ${e(m.hearing.caseReference)} — ${e(m.hearing.title)}</title>
<link rel="stylesheet" href="${e(stylesheet)}">
</head>
<body>
<main class="minutes">
<header>
  <p class="kind">Minutes of a hearing by videoconference</p>
  <h1>${e(m.hearing.title)}</h1>
  <p class="case">Case reference <strong>${e(m.hearing.caseReference)}</strong></p>
  ${m.status === 'draft' ? '<p class="draft">Draft: the record does not yet hold the end of the hearing.</p>' : ''}
</header>

<section>
<h2>${n()}Date, time and place</h2>
<dl>
  <dt>Date</dt><dd>${m.dates.length === 0 ? '<span class="muted">the hearing was not opened</span>' : m.dates.map((d) => e(longDate(`${d}T12:00:00Z`))).join(' to ')}</dd>
  <dt>Opened</dt><dd>${m.times.opened ? `${time(m.times.opened)} UTC` : '—'}</dd>
  <dt>In session</dt><dd>${m.times.inSession ? `${time(m.times.inSession)} UTC` : '—'}</dd>
  <dt>Ended</dt><dd>${m.times.ended ? `${time(m.times.ended)} UTC${m.times.endedBy ? `, by ${e(m.times.endedBy)}` : ''}${m.times.endReason ? ` — ${e(m.times.endReason)}` : ''}` : '—'}</dd>
  <dt>Duration</dt><dd>${minutesBetween(m.times.inSession ?? m.times.opened, m.times.ended) || '—'}</dd>
  <dt>Place</dt><dd>by videoconference between the seat of the court and the site of the person heard</dd>
  <dt>Seat of the court (requesting authority)</dt><dd>${siteLine('requesting')}</dd>
  <dt>Site of the person heard (requested authority)</dt><dd>${siteLine('requested')}</dd>
</dl>
<p class="note">All times are in UTC.</p>
</section>

<section>
<h2>${n()}Person heard</h2>
${heard || '<p class="none">No person heard.</p>'}
</section>

<section>
<h2>${n()}Other participants</h2>
${others}
</section>

<section>
<h2>${n()}Formalities before the evidence</h2>
${gates}
<h3>Oaths and affirmations</h3>
${oaths}
${withdrawn}
</section>

<section>
<h2>${n()}Evidence</h2>
${testimony}
</section>

<section>
<h2>${n()}Statement of the requested-state officer</h2>
${statement}
</section>

<section>
<h2>${n()}Interventions and privilege claims</h2>
<h3>Interventions of the requested-state officer</h3>
${interventions}
<h3>Privilege claims</h3>
${privileges}
</section>

<section>
<h2>${n()}Pauses and private consultations</h2>
<h3>Pauses</h3>
${pauses}
<h3>Private consultations <span class="muted">(times only; their content is neither heard by the court nor recorded)</span></h3>
${consultations}
</section>

<section>
<h2>${n()}Interpretation</h2>
${interpreters}
${interpretation}
</section>

<section>
<h2>${n()}Technical conditions</h2>
<h3>Endpoints and connections</h3>
${endpoints}
<h3>Interruptions</h3>
${interruptions}
<h3>Quality incidents</h3>
${incidents}
<h3>Audio-only reception</h3>
${audioOnly}
</section>

<section>
<h2>${n()}Recording</h2>
${m.recording.segments.length > 0 ? table(['Segment', 'From', 'To', 'SHA-256'], m.recording.segments.map((s) => [String(s.index), time(s.start), time(s.end), `<span class="hash">${e(s.sha256)}</span>`]), '') : ''}
<p>${e(m.recording.statement)}</p>
${m.recording.runs.length > 0 ? table(['From', 'To', 'Legal basis', 'Tracks', 'Segments', 'Manifest SHA-256'], m.recording.runs.map((r) => [time(r.started), r.stopped ? time(r.stopped) : '<span class="muted">not stopped</span>', e(r.legalBasis), r.tracks === null ? '—' : String(r.tracks), r.segments === null ? '—' : String(r.segments), r.manifestSha256 ? `<span class="hash">${e(r.manifestSha256)}</span>` : '—']), '') : ''}
${recordingCoverage(m.recording.runs)}
${m.recording.gaps.length > 0 ? `<h3>Gaps in the recording</h3>${table(['From', 'To', 'Whose track', 'Cause', 'Entry'], m.recording.gaps.map((g) => [time(g.from), time(g.to), e(g.name), e(g.cause), String(g.seq)]), '')}` : ''}
</section>

<section class="chronology-section">
<h2>${n()}Course of the hearing</h2>
${chronology}
</section>

<section class="integrity">
<h2>${n()}Record, signature and transmission</h2>
<p>These minutes are drawn from the hearing’s tamper-evident record: ${m.record.entries} entries, through entry ${m.record.throughSeq}, whose hash is <span class="hash">${e(m.record.hashThrough)}</span>.</p>
${signature}
${countersignature}
${transmissions}
${custody}
</section>
</main>
</body>
</html>
`;
}

/** What of each track reached the disk, measured from the sealed files; a hole nothing explains is said so. */
function recordingCoverage(runs: Minutes['recording']['runs']): string {
  const rows = runs.flatMap((r) => r.coverage);
  if (rows.length === 0) return '';
  const s = (x: number) => `${x.toFixed(1)} s`;
  return `<h3>What the recording holds</h3>${table(
    ['Whose track', 'Source', 'Span', 'Recorded', 'Not recorded, for a stated reason', 'Missing, unexplained'],
    rows.map((c) => [e(c.name), e(c.source), s(c.spanSeconds), s(c.recordedSeconds), s(c.declaredSeconds), c.holeSeconds > 0 ? `<strong>${s(c.holeSeconds)}</strong>` : 'none']),
    '',
  )}`;
}

/** Who interpreted which channel when, from what; handovers, modes, requests to slow down, problems flagged. */
function interpretationSection(i: Minutes['interpretation']): string {
  if (i.channels.length === 0 && i.periods.length === 0 && i.problems.length === 0) return '<p class="none">There was no interpretation channel.</p>';
  const periods = table(
    ['Channel', 'Interpreter', 'From (UTC)', 'To (UTC)', 'Interpreting from', 'Ended', 'Entry'],
    i.periods.map((p) => [e(languageName(p.channel)), e(p.name), time(p.from), p.to ? time(p.to) : '<span class="muted">still live</span>', e(p.source), e(p.endedBy ?? '—'), String(p.seq)]),
    'Nobody interpreted on a channel.',
  );
  const modes = i.modes.length === 0
    ? '<p>Interpretation was simultaneous throughout.</p>'
    : `<ul>${i.modes.map((x) => `<li>${time(x.at)} UTC: ${e(x.mode)}${x.by ? `, by ${e(x.by)}` : ''} (entry ${x.seq})</li>`).join('')}</ul>`;
  const handovers = table(
    ['Time (UTC)', 'Channel', 'From', 'To', 'Entry'],
    i.handovers.map((h) => [time(h.at), e(languageName(h.channel)), e(h.from), e(h.to), String(h.seq)]),
    'No handover.',
  );
  const slowDowns = table(
    ['Time (UTC)', 'Channel', 'Interpreter', 'Entry'],
    i.slowDowns.map((x) => [time(x.at), e(languageName(x.channel)), e(x.name), String(x.seq)]),
    'No request to slow down.',
  );
  const problems = table(
    ['Time (UTC)', 'Channel', 'Flagged by', 'Problem', 'Entry'],
    i.problems.map((x) => [time(x.at), x.channel ? e(languageName(x.channel)) : '—', e(x.name), e(x.text), String(x.seq)]),
    'No problem with the interpretation was flagged.',
  );
  // Who was assigned to which channel is the interpreters' table above: here, what happened on the channels.
  return `<h3>Mode</h3>
${modes}
<h3>Who interpreted when</h3>
${periods}
<h3>Handovers</h3>
${handovers}
<h3>Requests to slow down</h3>
${slowDowns}
<h3>Problems flagged</h3>
${problems}`;
}
