/**
 * The formalities before testimony and the rights of the person heard, as the minutes state them:
 * identity verified (for a protected person, how only — never her document), the rights notice shown
 * and acknowledged, consent given or withdrawn, the oath or affirmation with its exact formula, each
 * with the text it rested on and how she understood it; privileges claimed; pages shown in another
 * language than hers.
 */
import type { HearingEventData } from '../courtroom/index.js';
import type { MinutesReading } from './minutes-reading.js';
import type { MinutesWords } from './minutes-words.js';

type Understanding = HearingEventData<'oath.taken'>['understanding'];
type TextReference = HearingEventData<'rights.shown'>['notice'];

/** How the person heard understood a text, as the minutes say it: read in her language, or through a named interpreter. */
function understood(w: MinutesWords, u: Understanding, nameOf: (id: string) => string): string {
  if (!u) return '';
  return u.via === 'interpreter'
    ? w.t('understood.interpreter', {
        language: w.languageName(u.language),
        interpreter: u.interpreterId ? nameOf(u.interpreterId) : w.t('understood.interpreterOnDuty'),
      })
    : w.t('understood.text', { language: w.languageName(u.language) });
}

/**
 * Whose text it is — a model text of Hearing Room is said to be one, since no authority approved it —
 * and the SHA-256 that names its exact words.
 */
function textSource(w: MinutesWords, text: { source?: 'model' | 'authority' | undefined; sha256: string }): string {
  const whose = text.source === 'model' ? w.t('text.model') : text.source === 'authority' ? w.t('text.authority') : '';
  return w.t('text.hash', { whose, sha256: text.sha256 });
}

export function readFormalities(r: MinutesReading): void {
  const { event, minutes, w, actor, actorName: by, on, say } = r;
  const { nameOf, who } = r.names;
  const yesNo = (b: boolean) => w.t(b ? 'yes' : 'no');
  const noticeDetails = (key: 'notice.details' | 'notice.shownDetails', notice: TextReference, u: Understanding) =>
    w.t(key, {
      id: notice.id,
      version: notice.version,
      source: textSource(w, notice),
      language: w.languageName(notice.language),
      understood: understood(w, u, nameOf),
    });

  on('language.fallback', (d) =>
    say(w.t('chron.languageFallback', { person: who(d.participantId), language: w.languageName(d.language), shownIn: w.languageName(d.shownIn) })),
  );
  on('rights.shown', (d) =>
    say(w.t('chron.rightsShown', { actor, person: who(d.participantId), details: noticeDetails('notice.shownDetails', d.notice, d.understanding) })),
  );
  on('rights.acknowledged', (d) => {
    const details = noticeDetails('notice.details', d.notice, d.understanding);
    minutes.gates.push({ gate: 'rights', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by, details, seq: event.seq });
    say(w.t('chron.rightsAcknowledged', { person: who(d.participantId), details }));
  });
  on('identity.verified', (d) => {
    const protectedPerson = r.names.pseudonyms.has(d.participantId);
    const document =
      d.documentType && !protectedPerson
        ? w.t('identity.document', { document: w.phrase('document', d.documentType) }) +
          (d.issuingCountry ? w.t('identity.issuedBy', { country: d.issuingCountry }) : '') +
          // Erased under the retention rules, the last digits are no longer in the record to name.
          (typeof d.documentNumberLast === 'string' ? w.t('identity.numberEnding', { digits: d.documentNumberLast }) : '')
        : '';
    const details = w.t('identity.details', {
      method: w.phrase('identityMethod', d.method),
      document,
      match: yesNo(d.match),
      photo: yesNo(d.photoCompared),
      withheld: protectedPerson ? w.t('identity.withheld') : '',
    });
    minutes.gates.push({ gate: 'identity', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by, details, seq: event.seq });
    say(w.t('chron.identityVerified', { actor, person: who(d.participantId), details }));
  });
  on('consent.given', (d) => {
    const texts = w.list(
      d.texts.map((t) => w.t('consent.text', { id: t.id, version: t.version, source: textSource(w, t), language: w.languageName(t.language) })),
    );
    const details = w.t('consent.details', {
      method: w.phrase('consentMethod', d.method),
      texts,
      understood: understood(w, d.understanding, nameOf),
      interpreter: yesNo(d.interpreterPresent),
      lawyer: yesNo(d.lawyerPresent),
    });
    minutes.gates.push({ gate: 'consent', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by, details, seq: event.seq });
    minutes.consent.given.push({
      participantId: d.participantId,
      name: nameOf(d.participantId),
      at: event.at,
      method: w.phrase('consentMethod', d.method),
      seq: event.seq,
    });
    say(w.t('chron.consentGiven', { person: who(d.participantId), details }));
  });
  on('consent.withdrawn', (d) => {
    minutes.consent.withdrawn.push({ participantId: d.participantId, name: nameOf(d.participantId), at: event.at, seq: event.seq });
    say(w.t('chron.consentWithdrawn', { person: who(d.participantId) }));
  });
  on('oath.taken', (d) => {
    const formula = d.text
      ? w.t('oath.formula', { id: d.text.id, version: d.text.version, source: textSource(w, d.text), language: w.languageName(d.text.language) })
      : '';
    const language = w.languageName(d.language);
    const details = w.t(d.form === 'oath' ? 'oath.details.oath' : 'oath.details.affirmation', {
      language,
      formula,
      understood: understood(w, d.understanding, nameOf),
    });
    minutes.oaths.push({
      participantId: d.participantId,
      name: nameOf(d.participantId),
      at: event.at,
      form: d.form,
      language: d.language,
      text: d.text ? { id: d.text.id, version: d.text.version, language: d.text.language, sha256: d.text.sha256, source: d.text.source ?? null } : null,
      via: d.understanding?.via ?? null,
      interpreter: d.understanding?.interpreterId ? nameOf(d.understanding.interpreterId) : null,
      seq: event.seq,
    });
    minutes.gates.push({ gate: 'oath', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by, details, seq: event.seq });
    say(
      w.t(d.form === 'oath' ? 'chron.oath' : 'chron.affirmation', {
        person: who(d.participantId),
        language,
        understood: understood(w, d.understanding, nameOf),
      }),
    );
  });
  on('privilege.claimed', (d) => {
    minutes.privilegeClaims.push({ at: event.at, participantId: d.participantId, name: nameOf(d.participantId), basis: d.basis, seq: event.seq });
    say(w.t('chron.privilege', { person: who(d.participantId), basis: d.basis }));
  });
}
