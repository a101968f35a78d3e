/**
 * English model texts: the wording Hearing Room ships for an authority that has not loaded its own
 * approved texts. Each other language's file has the same texts; a changed wording is a new
 * version (courtroom/texts.ts).
 */
import type { ModelTexts } from '../../model/text.js';

export const en: ModelTexts = {
  'rights-and-caution': {
    title: 'Your rights in this hearing',
    body:
      'You are being heard by video by a court of another state, in the presence of a judicial officer of the state where you are. ' +
      'You may refuse to testify, or remain silent, where the law of either state allows it; a refusal will be recorded. ' +
      'You have the right to an interpreter free of charge and to consult your lawyer in private at any time. ' +
      'If you do not understand something, say so at once. Recording the hearing yourself is not allowed.',
  },
  'consent-video-hearing': {
    title: 'Consent to being heard by video',
    body:
      'I have been informed that I may be heard by videoconference instead of appearing in person, of my rights in this hearing, ' +
      'and that I may consult my lawyer before deciding. I consent to being heard by video. ' +
      'I understand that I may withdraw this consent at any time, and that the hearing will then be paused.',
  },
  oath: {
    title: 'Oath of the witness',
    body:
      'A witness must tell the truth and must not leave out anything they know about the matter; false testimony is punishable under the law of both states. ' +
      'Please repeat after the judge: I swear that the evidence I shall give will be the truth, the whole truth and nothing but the truth.',
  },
  affirmation: {
    title: 'Solemn affirmation of the witness',
    body:
      'A witness must tell the truth and must not leave out anything they know about the matter; false testimony is punishable under the law of both states. ' +
      'Please repeat after the judge: I solemnly, sincerely and truly declare and affirm that the evidence I shall give will be the truth, the whole truth and nothing but the truth.',
  },
  'extradition-consent': {
    title: 'Consent to surrender (simplified extradition)',
    body:
      'Another state has asked for your extradition. You may consent to be surrendered to that state under the simplified procedure: ' +
      'if you consent, the full extradition procedure is not followed and you may be surrendered sooner. ' +
      'You have the right to be assisted by a lawyer, and by an interpreter if you do not understand the language. ' +
      'Your consent must be given freely and in full knowledge of what it means. Once you have given it before the judge, you cannot take it back, ' +
      'unless the law of the state where you are allows it; the judge will tell you which applies to you. ' +
      'I declare that I consent to be surrendered to the requesting state under the simplified extradition procedure.',
  },
  'speciality-renunciation': {
    title: 'Renouncing the protection of the rule of speciality',
    body:
      'Under the rule of speciality, once surrendered you may be prosecuted, sentenced or detained only for the offences for which you were surrendered. ' +
      'If you renounce this protection, the requesting state may also prosecute, sentence or detain you for other offences committed before your surrender. ' +
      'You have the right to be assisted by a lawyer, and by an interpreter if you do not understand the language. ' +
      'Your renunciation must be given freely and in full knowledge of what it means. Once you have given it before the judge, you cannot take it back, ' +
      'unless the law of the state where you are allows it; the judge will tell you which applies to you. ' +
      'I declare that I renounce the protection of the rule of speciality.',
  },
};
