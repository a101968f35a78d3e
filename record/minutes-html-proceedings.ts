/**
 * What happened in the hearing, in the printed minutes: the formalities and oaths, the evidence, the
 * officer's statement, interventions and privileges claimed, pauses and private consultations.
 */
import { escapeHtml as e, subsections, table, time, type Page } from './minutes-html-page.js';

export function formalities(page: Page): string {
  const { m, w, t, muted, name } = page;
  const gates = table(
    [
      w.t('html.col.timeUtc'),
      w.t('html.col.formality'),
      w.t('html.col.personHeard'),
      w.t('html.col.recordedBy'),
      w.t('html.col.details'),
      w.t('html.col.entry'),
    ],
    m.gates.map((g) => [time(g.at), t(`html.gate.${g.gate}`), name(g.name), g.by ? name(g.by) : '—', e(g.details), String(g.seq)]),
    w.t('html.empty.formalities'),
  );
  const oaths =
    m.oaths.length === 0
      ? `<p>${t('html.empty.oaths')}</p>`
      : `<ul>${m.oaths
          .map((o) => {
            const line = w.t('html.oath.line', {
              name: o.name,
              form: w.t(o.form === 'oath' ? 'html.form.oath' : 'html.form.affirmation'),
              language: w.languageName(o.language),
              time: time(o.at),
            });
            const via =
              o.via === 'interpreter'
                ? w.t('html.oath.viaInterpreter', { line, interpreter: o.interpreter ?? w.t('understood.interpreterOnDuty') })
                : o.via === 'text'
                  ? w.t('html.oath.viaText', { line })
                  : line;
            const source = o.text?.source === 'model' ? w.t('text.model') : o.text?.source === 'authority' ? w.t('text.authority') : '';
            return `<li>${e(via)}${o.text ? ` ${muted(t('html.oath.formula', { id: o.text.id, version: o.text.version, source, sha256: o.text.sha256.slice(0, 16) }))}` : ''}</li>`;
          })
          .join('')}</ul>`;
  const withdrawn =
    m.consent.withdrawn.length === 0
      ? ''
      : `<p>${t('html.consentWithdrawn', { list: w.list(m.consent.withdrawn.map((x) => w.t('html.nameAt', { name: x.name, time: time(x.at) }))) })}</p>`;
  return `${gates}
<h3>${t('html.h.oaths')}</h3>
${oaths}
${withdrawn}`;
}

export function evidence(page: Page): string {
  const { m, w, t, muted, name, duration } = page;
  return table(
    [w.t('html.col.personHeard'), w.t('html.col.fromUtc'), w.t('html.col.toUtc'), w.t('html.col.duration')],
    m.testimony.map((x) => [name(x.name), time(x.started), x.ended ? time(x.ended) : muted(t('html.notEnded')), duration(x.started, x.ended)]),
    w.t('html.empty.evidence'),
  );
}

export function statement(page: Page): string {
  const { m, w, t, muted } = page;
  const s = m.officerStatement;
  return s
    ? `<p class="statement">${t('html.statement', { name: s.by ?? w.t('html.statementOfficer'), statement: s.text })} ${muted(t('html.statementWhere', { time: time(s.at), seq: s.seq }))}</p>`
    : `<p class="unsigned">${t('html.noStatement')}</p>`;
}

export function interventionsAndClaims(page: Page): string {
  const { m, w, t, name } = page;
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
  return subsections([
    [t('html.h.interventions'), interventions],
    [t('html.h.privileges'), privileges],
  ]);
}

export function pausesAndConsultations(page: Page): string {
  const { m, w, t, muted, duration } = page;
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
  return subsections([
    [t('html.h.pauses'), pauses],
    [`${t('html.h.consultations')} ${muted(t('html.consultationsNote'))}`, consultations],
  ]);
}

/** A signature as drawn on the person's device: its strokes, drawn again (numbers only, checked on entry). */
function drawn(strokes: readonly (readonly [number, number])[][], label: string): string {
  const lines = strokes
    .map(
      (stroke) =>
        `<polyline points="${stroke.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="currentColor" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>`,
    )
    .join('');
  return `<svg class="signature" viewBox="0 0 1000 400" role="img" aria-label="${e(label)}">${lines}</svg>`;
}

/** Consent to surrender and renunciation of speciality (CETS 209 Arts 3–4), each course step by step. */
export function extradition(page: Page): string {
  const { m, w, t, muted } = page;
  return (m.extradition ?? [])
    .map((c) => {
      const steps = [
        t('html.extradition.informed', { by: c.informed.by ?? '—', time: time(c.informed.at), details: c.informed.details }),
        c.counsel ? t('html.extradition.counsel', { name: c.counsel.name, time: time(c.counsel.at) }) : t('html.extradition.noCounsel'),
        ...(c.interpreter
          ? [t('html.extradition.interpreter', { name: c.interpreter.name, language: c.interpreter.language, time: time(c.interpreter.at) })]
          : []),
        !c.answer
          ? t('html.extradition.noAnswer')
          : t(c.answer.given ? 'html.extradition.given' : 'html.extradition.refused', { time: time(c.answer.at) }) +
            (c.answer.signature
              ? ` ${t('html.extradition.signature', { sha256: c.answer.signature.sha256 })}${drawn(c.answer.signature.strokes, w.t('html.extradition.signature', { sha256: c.answer.signature.sha256 }))}`
              : ''),
        !c.ruling
          ? muted(t('html.extradition.pending'))
          : c.ruling.accepted && !c.answer?.given
            ? `${t('chron.extraditionRefusalNoted', { actor: c.ruling.by ?? '—', person: c.name, declaration: w.t(`extradition.${c.declaration}`) })} ${t('html.utc', { time: time(c.ruling.at) })}`
            : c.ruling.accepted
              ? t('html.extradition.accepted', { by: c.ruling.by ?? '—', time: time(c.ruling.at) })
              : t('html.extradition.notAccepted', { by: c.ruling.by ?? '—', time: time(c.ruling.at), reason: c.ruling.reason ?? '—' }),
        ...(c.ruling?.accepted
          ? [
              c.timestamp
                ? t('html.extradition.timestamp', { time: time(c.timestamp.at), sha256: c.timestamp.entrySha256 })
                : muted(t('html.extradition.noTimestamp')),
            ]
          : []),
        ...(c.revoked ? [t('html.extradition.revoked', { time: time(c.revoked.at) })] : []),
      ];
      return `<h3>${t('html.extradition.title', { name: c.name, declaration: w.t(`extradition.${c.declaration}`) })}</h3>
<ol class="extradition">${steps.map((step) => `<li>${step}</li>`).join('')}</ol>`;
    })
    .join('\n');
}

/** The bundle as submitted, and each showing, with the hashes a reader can compare. */
export function exhibits(page: Page): string {
  const { m, w, t, muted, name } = page;
  const bundle = table(
    [w.t('html.col.timeUtc'), w.t('html.col.document'), w.t('html.col.pages'), w.t('html.col.submittedBy'), 'SHA-256', w.t('html.col.entry')],
    (m.exhibits?.bundle ?? []).map((b) => [time(b.at), e(b.title), String(b.pages), b.by ? name(b.by) : '—', `<code>${e(b.sha256)}</code>`, String(b.seq)]),
    '—',
  );
  const shown = table(
    [w.t('html.col.fromUtc'), w.t('html.col.toUtc'), w.t('html.col.document'), w.t('html.col.shownTo'), 'SHA-256', w.t('html.col.entry')],
    (m.exhibits?.shown ?? []).map((s) => [
      time(s.from),
      s.until ? time(s.until) : muted(t('html.notEnded')),
      e(s.title),
      e(s.to),
      `<code>${e(s.sha256)}</code>`,
      String(s.seq),
    ]),
    w.t('html.empty.exhibitsShown'),
  );
  return subsections([
    [t('html.exhibits.bundle'), bundle],
    [t('html.exhibits.shown'), shown],
  ]);
}
