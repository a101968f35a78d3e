/**
 * Consent to surrender and renunciation of speciality (CETS 209 Arts 3–4) as the minutes state them:
 * for each declaration, the text put before the person sought and how she understood it, whether
 * the law lets her revoke it and asks for her signature, the lawyer's and the interpreter's
 * attestations, her own answer (with the signature she drew), the judge's ruling, the trusted
 * timestamp, and a revocation. Art. 4(3) asks that they be recorded; this is where.
 */
import type { HearingEventData } from '../courtroom/index.js';
import type { MinutesReading } from './minutes-reading.js';
import type { ExtraditionCourse } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

type Declaration = ExtraditionCourse['declaration'];

/** How the person understood the text, as the formalities say it. */
function understood(w: MinutesWords, u: HearingEventData<'extradition.informed'>['understanding'], nameOf: (id: string) => string): string {
  return u.via === 'interpreter'
    ? w.t('understood.interpreter', {
        language: w.languageName(u.language),
        interpreter: u.interpreterId ? nameOf(u.interpreterId) : w.t('understood.interpreterOnDuty'),
      })
    : w.t('understood.text', { language: w.languageName(u.language) });
}

export function readExtradition(r: MinutesReading): void {
  const { event, minutes, w, actor, actorName: by, on, say } = r;
  const { nameOf, who } = r.names;
  if (!event.type.startsWith('extradition.')) return;
  const courses = (minutes.extradition ??= []);
  /** The course this entry belongs to: the latest one of that person and declaration. */
  const course = (participantId: string, declaration: Declaration) =>
    courses.findLast((c) => c.participantId === participantId && c.declaration === declaration);
  const named = (declaration: Declaration) => w.t(`extradition.${declaration}`);

  on('extradition.informed', (d) => {
    const source = d.text.source === 'model' ? w.t('text.model') : d.text.source === 'authority' ? w.t('text.authority') : '';
    const details = w.t('extradition.details', {
      text: w.t('consent.text', {
        id: d.text.id,
        version: d.text.version,
        source: w.t('text.hash', { whose: source, sha256: d.text.sha256 }),
        language: w.languageName(d.text.language),
      }),
      understood: understood(w, d.understanding, nameOf),
      revocable: d.revocable ? w.t('extradition.revocable', { basis: d.revocationBasis ?? '—' }) : w.t('extradition.irrevocable'),
      signature: w.t(d.signatureRequired ? 'extradition.signatureRequired' : 'extradition.noSignature'),
      counsel: w.t(d.counselWaived ? 'extradition.counselWaived' : 'extradition.counselRight'),
    });
    courses.push({
      participantId: d.participantId,
      name: nameOf(d.participantId),
      declaration: d.declaration,
      informed: { at: event.at, by, details, revocable: d.revocable, seq: event.seq },
      counsel: null,
      interpreter: null,
      answer: null,
      ruling: null,
      timestamp: null,
      revoked: null,
    });
    say(w.t('chron.extraditionInformed', { actor, declaration: named(d.declaration), person: who(d.participantId), details }));
  });
  on('extradition.counsel_attested', (d) => {
    const c = course(d.participantId, d.declaration);
    if (c) c.counsel = { name: nameOf(d.counselId), at: event.at, seq: event.seq };
    say(w.t('chron.extraditionCounsel', { actor, person: who(d.participantId), declaration: named(d.declaration) }));
  });
  on('extradition.interpreter_attested', (d) => {
    const c = course(d.participantId, d.declaration);
    if (c) c.interpreter = { name: nameOf(d.interpreterId), language: w.languageName(d.language), at: event.at, seq: event.seq };
    say(w.t('chron.extraditionInterpreter', { actor, person: who(d.participantId), declaration: named(d.declaration), language: w.languageName(d.language) }));
  });
  on('extradition.declared', (d) => {
    const c = course(d.participantId, d.declaration);
    const signature = d.signature
      ? { sha256: d.signature.sha256, strokes: d.signature.strokes.map((stroke) => stroke.map(([x, y]) => [x, y] as [number, number])) }
      : null;
    if (c) c.answer = { given: d.answer === 'given', at: event.at, seq: event.seq, signature };
    const person = who(d.participantId);
    say(
      d.answer === 'given'
        ? w.t('chron.extraditionGiven', {
            person,
            declaration: named(d.declaration),
            signed: d.signature ? w.t('extradition.signed', { sha256: d.signature.sha256 }) : '',
          })
        : w.t('chron.extraditionRefused', { person, declaration: named(d.declaration) }),
    );
  });
  on('extradition.confirmed', (d) => {
    const c = course(d.participantId, d.declaration);
    if (c) c.ruling = { accepted: d.accepted, by, at: event.at, reason: d.reason ?? null, seq: event.seq };
    const values = { actor, person: who(d.participantId), declaration: named(d.declaration) };
    say(
      !d.accepted
        ? w.t('chron.extraditionNotAccepted', { ...values, reason: d.reason ?? '—' })
        : d.answer === 'given'
          ? w.t('chron.extraditionAccepted', values)
          : w.t('chron.extraditionRefusalNoted', values),
    );
  });
  on('extradition.timestamped', (d) => {
    const c = courses.findLast(
      (x) => x.participantId === d.participantId && x.declaration === d.declaration && (d.rulingAt === undefined || x.ruling?.at === d.rulingAt),
    );
    if (c) c.timestamp = { at: event.at, entrySha256: d.entrySha256, seq: event.seq };
    say(w.t('chron.extraditionTimestamped', { person: who(d.participantId), declaration: named(d.declaration), sha256: d.entrySha256 }));
  });
  on('extradition.revoked', (d) => {
    const c = course(d.participantId, d.declaration);
    if (c) c.revoked = { at: event.at, seq: event.seq };
    say(
      w.t('chron.extraditionRevoked', {
        person: who(d.participantId),
        declaration: named(d.declaration),
        basis: revocationBasis(r, d.participantId, d.declaration) ?? '—',
      }),
    );
  });
}

/** The provision the information named for revocation, read back from the court's state. */
function revocationBasis(r: MinutesReading, participantId: string, declaration: Declaration): string | undefined {
  return r.court.extradition.get(participantId)?.get(declaration)?.informed.revocationBasis;
}
