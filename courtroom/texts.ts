/**
 * The texts read to the person heard during the hearing — rights and caution, consent to being
 * heard by video — in each language offered, versioned, and identified by the SHA-256 of the exact
 * words, so the record proves which words were shown. A changed wording is a new version.
 *
 * The wording follows the safeguards a cross-border video hearing must give (right to an
 * interpreter and to a lawyer, the right not to testify under either state's law, consent of a
 * suspect or accused to a hearing by video); each court may replace it with its own approved text.
 */
import { createHash } from 'node:crypto';

export const TEXT_LANGUAGES = ['en', 'fr', 'de', 'es', 'ar'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];
export type TextId = 'rights-and-caution' | 'consent-video-hearing';

interface CourtText {
  id: TextId;
  version: string;
  language: TextLanguage;
  title: string;
  body: string;
}

const RIGHTS: Record<TextLanguage, { title: string; body: string }> = {
  en: {
    title: 'Your rights in this hearing',
    body:
      'You are being heard by video by a court of another state, in the presence of a judicial officer of the state where you are. ' +
      'You may refuse to testify, or remain silent, where the law of either state allows it; a refusal will be recorded. ' +
      'You have the right to an interpreter free of charge and to consult your lawyer in private at any time. ' +
      'If you do not understand something, say so at once. Recording the hearing yourself is not allowed.',
  },
  fr: {
    title: 'Vos droits au cours de cette audition',
    body:
      "Vous êtes entendu(e) par vidéoconférence par une juridiction d'un autre État, en présence d'une autorité judiciaire de l'État où vous vous trouvez. " +
      "Vous pouvez refuser de témoigner ou garder le silence lorsque le droit de l'un ou l'autre État le permet ; un refus sera consigné. " +
      "Vous avez droit gratuitement à un interprète et pouvez consulter votre avocat en privé à tout moment. " +
      "Si vous ne comprenez pas quelque chose, dites-le immédiatement. Il est interdit d'enregistrer vous-même l'audition.",
  },
  de: {
    title: 'Ihre Rechte in dieser Vernehmung',
    body:
      'Sie werden per Video von einem Gericht eines anderen Staates vernommen, in Anwesenheit einer Justizperson des Staates, in dem Sie sich befinden. ' +
      'Sie dürfen die Aussage verweigern oder schweigen, soweit das Recht eines der beiden Staaten dies erlaubt; eine Weigerung wird festgehalten. ' +
      'Sie haben Anspruch auf einen unentgeltlichen Dolmetscher und können sich jederzeit vertraulich mit Ihrem Rechtsbeistand beraten. ' +
      'Wenn Sie etwas nicht verstehen, sagen Sie es sofort. Eigene Aufnahmen der Vernehmung sind nicht erlaubt.',
  },
  es: {
    title: 'Sus derechos en esta audiencia',
    body:
      'Usted está siendo oído/a por videoconferencia por un tribunal de otro Estado, en presencia de una autoridad judicial del Estado donde se encuentra. ' +
      'Puede negarse a declarar o guardar silencio cuando lo permita el derecho de cualquiera de los dos Estados; la negativa quedará registrada. ' +
      'Tiene derecho a un intérprete gratuito y a consultar a su abogado en privado en cualquier momento. ' +
      'Si no entiende algo, dígalo de inmediato. No está permitido que usted grabe la audiencia.',
  },
  ar: {
    title: 'حقوقك في هذه الجلسة',
    body:
      'يجري الاستماع إليك عبر الفيديو من قِبل محكمة تابعة لدولة أخرى، بحضور موظف قضائي من الدولة التي توجد فيها. ' +
      'يحق لك الامتناع عن الإدلاء بالشهادة أو التزام الصمت متى أجاز ذلك قانون أيٍّ من الدولتين، وسيُسجَّل أي امتناع. ' +
      'يحق لك الحصول على مترجم مجانًا واستشارة محاميك على انفراد في أي وقت. ' +
      'إذا لم تفهم أمرًا ما فقل ذلك فورًا. لا يُسمح لك بتسجيل الجلسة بنفسك.',
  },
};

const CONSENT: Record<TextLanguage, { title: string; body: string }> = {
  en: {
    title: 'Consent to being heard by video',
    body:
      'I have been informed that I may be heard by videoconference instead of appearing in person, of my rights in this hearing, ' +
      'and that I may consult my lawyer before deciding. I consent to being heard by video. ' +
      'I understand that I may withdraw this consent at any time, and that the hearing will then be paused.',
  },
  fr: {
    title: 'Consentement à une audition par vidéoconférence',
    body:
      "J'ai été informé(e) que je peux être entendu(e) par vidéoconférence au lieu de comparaître en personne, de mes droits au cours de cette audition, " +
      "et que je peux consulter mon avocat avant de décider. Je consens à être entendu(e) par vidéoconférence. " +
      "Je comprends que je peux retirer ce consentement à tout moment et que l'audition sera alors suspendue.",
  },
  de: {
    title: 'Zustimmung zur Vernehmung per Video',
    body:
      'Ich wurde darüber belehrt, dass ich statt persönlich zu erscheinen per Videokonferenz vernommen werden kann, über meine Rechte in dieser Vernehmung ' +
      'und darüber, dass ich mich vor meiner Entscheidung mit meinem Rechtsbeistand beraten kann. Ich stimme der Vernehmung per Video zu. ' +
      'Mir ist bekannt, dass ich diese Zustimmung jederzeit widerrufen kann und die Vernehmung dann unterbrochen wird.',
  },
  es: {
    title: 'Consentimiento para ser oído/a por videoconferencia',
    body:
      'He sido informado/a de que puedo ser oído/a por videoconferencia en lugar de comparecer en persona, de mis derechos en esta audiencia ' +
      'y de que puedo consultar a mi abogado antes de decidir. Consiento en ser oído/a por videoconferencia. ' +
      'Entiendo que puedo retirar este consentimiento en cualquier momento y que la audiencia se suspenderá entonces.',
  },
  ar: {
    title: 'الموافقة على الاستماع عبر الفيديو',
    body:
      'أُبلغتُ بأنه يجوز الاستماع إليّ عبر الاتصال المرئي بدلًا من الحضور شخصيًا، وبحقوقي في هذه الجلسة، ' +
      'وبأنه يحق لي استشارة محاميّ قبل اتخاذ قراري. أوافق على الاستماع إليّ عبر الفيديو. ' +
      'وأفهم أنه يحق لي سحب هذه الموافقة في أي وقت، وأن الجلسة ستُعلَّق عندئذ.',
  },
};

const VERSION = '2026-11.1';

export function courtText(id: TextId, language: TextLanguage): CourtText & { sha256: string } {
  const source = id === 'rights-and-caution' ? RIGHTS : CONSENT;
  const { title, body } = source[language];
  const text: CourtText = { id, version: VERSION, language, title, body };
  return { ...text, sha256: createHash('sha256').update(`${title}\n\n${body}`, 'utf8').digest('hex') };
}

/** The person's language when a text exists in it; English otherwise (and the officer sees which). */
export function textLanguageFor(language: string | null | undefined): TextLanguage {
  const base = (language ?? '').split('-')[0] as TextLanguage;
  return TEXT_LANGUAGES.includes(base) ? base : 'en';
}
