/**
 * English: the reference text of the letters a participant receives — the summons with its rights
 * notice, and the invitation (the message a coordinator or a mailer sends, and the same words in the
 * calendar entry). Every other language has exactly these keys with the same placeholders
 * (test/unit/summons-texts.test.ts).
 *
 * Messages are ICU MessageFormat: {name} is a value put in as text (and escaped in HTML), {x, select, …}
 * and {count, plural, =1 {…} other {…}} choose a wording; ’ is the apostrophe (a straight one quotes in
 * ICU). A version is never edited once a document has been made from it: a change of wording is a
 * new version (the test pins each version's words by hash).
 *
 * `function` names a participant's part: the role, or for the person heard the capacity; `other`
 * is an observer. In `summons.intro` the capacity's `other` is a person sought for extradition.
 */
import type { CatalogueLanguage } from '../../../language/index.js';

const messages = {
  'document.draftWord': 'DRAFT',
  'document.draftMark': 'Draft — not valid as a summons until the time is agreed',
  'document.draftExplanation':
    'The two authorities have not yet agreed the time of this hearing. This draft shows what the summons will say: it does not summon you, and you need not do anything because of it. The summons itself will be served on you once the time is agreed.',

  'when.heading': 'Date and time',
  'when.proposedHeading': 'Proposed times — not yet agreed',
  'when.proposed':
    '{kind, select, slot {This time has been proposed; the other authority has not yet agreed to it.} other {The hearing will take place within {count, plural, =1 {this period} other {one of these periods}}; its exact time has not yet been agreed.}}',
  'when.yours': 'Your time ({zone})',
  'when.court': 'Time at the court, {court} ({zone})',
  'when.site': 'Local time – {site} ({zone})',

  function:
    '{function, select, presiding_judge {Presiding judge} requested_officer {Judicial officer of the requested State} prosecutor {Prosecutor} counsel {Counsel} clerk {Clerk of the court} interpreter {Interpreter} witness {Witness} expert {Expert} accused {Suspect or accused person} person_sought {Person sought for extradition} person_heard {Person heard} other {Observer}}',

  'summons.title': 'Summons to a hearing by videoconference',
  'summons.intro':
    '{person}, you are summoned to be heard as {capacity, select, witness {a witness} expert {an expert} accused {a suspect or accused person} other {a person sought for extradition}} in case {caseReference}, at the request of {court}.',
  'summons.whereHeading': 'Where to come',
  'summons.where': '{venue}, {requestedAuthority}.',
  'summons.bring': 'Please arrive 30 minutes early and bring an identity document (identity card or passport) and this summons.',
  'summons.legalBasisHeading': 'Legal basis of the request',
  'summons.legalBasis': '{instrument}, {article}.',
  'summons.conductedByHeading': 'The hearing is conducted by',
  'summons.rightsHeading': 'Your rights',
  'rights.interpreter': 'If you do not speak or understand the language of the hearing, an interpreter will assist you free of charge.',
  'rights.officer':
    'A judicial officer of {requestedAuthority} will check your identity and is present throughout the hearing to ensure that the fundamental principles of the law of this country are respected.',
  'rights.test': 'Before the hearing you will be able to test the sound and the picture.',
  'rights.refuseEvidence': 'You may refuse to give evidence where the law of this country or the law of the requesting country gives you that right.',
  'rights.silence': 'You have the right to remain silent; what you say may be used as evidence.',
  'rights.lawyer': 'You have the right to a lawyer, and to speak with your lawyer in private and in confidence before and during the hearing.',
  'rights.consent': 'A hearing by videoconference requires your consent. You may refuse it; you will be asked before the hearing starts.',
  'summons.closing': 'Template {version}. Keep this document and bring it with you.',

  'invitation.subject': 'Hearing by video on {date} – case {caseReference}',
  'invitation.subjectCancelled': 'Cancelled: hearing by video of {date} – case {caseReference}',
  'invitation.greeting': 'Dear {name},',
  'invitation.intro': 'You are invited to the hearing by video in case {caseReference} ({title}), held between {court} and {requestedAuthority}.',
  'invitation.role': 'You take part as: {function}.',
  'invitation.link': 'Your personal link (it opens 30 minutes before the start; do not pass it on, it identifies you):',
  'invitation.ready':
    'Have ready: an identity document (identity card or passport), a quiet room where you can speak freely, and a computer or phone with a camera and a microphone. Open the link 30 minutes early to test the sound and the picture.',
  'invitation.cancelled':
    'This hearing has been cancelled. Your personal link no longer works. Please remove the appointment from your calendar; you will be told if a new date is set.',
  'invitation.location': 'Hearing by video between {court} and {requestedAuthority}',
  'invitation.contact': 'Questions about this hearing: {name}, {email}',
  'invitation.subjectChanged': 'New time: hearing by video on {date} – case {caseReference}',
  'invitation.changed': 'The time of this hearing has changed: the new time is below. Your earlier link no longer works; use the one in this message.',
  'invitation.subjectResumed': 'Hearing resumed after adjournment: by video on {date} – case {caseReference}',
  'invitation.resumed':
    'The court adjourned this hearing to a new date. It continues at the time below, from where it stopped: what was done at the earlier sitting stands. Your earlier link no longer works; use the one in this message.',
  'summons.mailSubject': 'Summons – case {caseReference}',
  'summons.mailText':
    'Attached is your summons to the hearing by video in case {caseReference}, with the notice of your rights, in your language. Please read it carefully and keep it. Your personal link to the hearing comes in a separate message.',
};

export type LetterKey = keyof typeof messages;

/** One language's letters, as one version: the words and the locale its dates are written in. */
export interface LetterTexts {
  language: CatalogueLanguage;
  /** `<language>-<year>.<n>`, named on every document made from it. */
  version: string;
  /** BCP 47 locale for dates and times when the person's own tag names no region. */
  locale: string;
  messages: { readonly [K in LetterKey]: string };
}

export const en: LetterTexts = { language: 'en', version: 'en-2026.4', locale: 'en-GB', messages };
