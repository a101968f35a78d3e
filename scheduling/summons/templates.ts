/**
 * The first summons and rights notice templates, version 2026.1 in five languages, word for word as
 * they were served (safeguards row 4). A template is never edited once used: a summons names the
 * version it was made from, so these stay readable here, unchanged. New summonses are written from
 * the current versions in texts/ (ICU messages in nine languages, see letters.ts).
 */
import type { Capacity } from '../../model/roles.js';

export interface SummonsTemplate {
  language: string;
  languageName: string;
  version: string;
  direction: 'ltr' | 'rtl';
  /** BCP 47 locale for dates. */
  locale: string;
  title: string;
  intro: string;
  capacities: Record<Capacity, string>;
  whenHeading: string;
  when: string;
  whereHeading: string;
  where: string;
  legalBasisHeading: string;
  legalBasis: string;
  conductedByHeading: string;
  rightsHeading: string;
  rightsForAll: string[];
  rightsWitness: string[];
  rightsAccused: string[];
  closing: string;
}

export const SUMMONS_TEMPLATES_2026_1: readonly SummonsTemplate[] = [
  {
    language: 'en',
    languageName: 'English',
    version: 'en-2026.1',
    direction: 'ltr',
    locale: 'en-GB',
    title: 'Summons to a hearing by videoconference',
    intro: '{person}, you are summoned to be heard as {capacity} in case {caseReference}, at the request of {court}.',
    capacities: { witness: 'a witness', expert: 'an expert', accused: 'a suspect or accused person', person_sought: 'a person sought for extradition' },
    whenHeading: 'Date and time',
    when: '{localDate} at {localTime} ({localZone}). In the court’s time: {courtDate} at {courtTime} ({courtZone}).',
    whereHeading: 'Where to come',
    where: '{venue}, {requestedAuthority}. Please arrive 30 minutes early and bring an identity document.',
    legalBasisHeading: 'Legal basis of the request',
    legalBasis: '{instrument}, {article}.',
    conductedByHeading: 'The hearing is conducted by',
    rightsHeading: 'Your rights',
    rightsForAll: [
      'If you do not speak or understand the language of the hearing, an interpreter will assist you free of charge.',
      'A judicial officer of {requestedAuthority} will check your identity and is present throughout the hearing to ensure that the fundamental principles of the law of this country are respected.',
      'Before the hearing you will be able to test the sound and the picture.',
    ],
    rightsWitness: ['You may refuse to give evidence where the law of this country or the law of the requesting country gives you that right.'],
    rightsAccused: [
      'You have the right to remain silent; what you say may be used as evidence.',
      'You have the right to a lawyer, and to speak with your lawyer in private and in confidence before and during the hearing.',
      'A hearing by videoconference requires your consent. You may refuse it; you will be asked before the hearing starts.',
    ],
    closing: 'Template {version}. Keep this document and bring it with you.',
  },
  {
    language: 'fr',
    languageName: 'Français',
    version: 'fr-2026.1',
    direction: 'ltr',
    locale: 'fr-FR',
    title: 'Convocation à une audition par visioconférence',
    intro: '{person}, vous êtes convoqué(e) pour être entendu(e) en qualité de {capacity} dans l’affaire {caseReference}, à la demande de {court}.',
    capacities: { witness: 'témoin', expert: 'expert', accused: 'suspect ou personne poursuivie', person_sought: 'personne recherchée aux fins d’extradition' },
    whenHeading: 'Date et heure',
    when: 'Le {localDate} à {localTime} ({localZone}). À l’heure du tribunal : le {courtDate} à {courtTime} ({courtZone}).',
    whereHeading: 'Lieu',
    where: '{venue}, {requestedAuthority}. Merci de vous présenter 30 minutes à l’avance, muni(e) d’une pièce d’identité.',
    legalBasisHeading: 'Base juridique de la demande',
    legalBasis: '{instrument}, {article}.',
    conductedByHeading: 'L’audition est conduite par',
    rightsHeading: 'Vos droits',
    rightsForAll: [
      'Si vous ne parlez pas ou ne comprenez pas la langue de l’audition, un interprète vous assistera gratuitement.',
      'Un représentant de l’autorité judiciaire de {requestedAuthority} vérifiera votre identité et sera présent pendant toute l’audition pour veiller au respect des principes fondamentaux du droit de ce pays.',
      'Avant l’audition, vous pourrez tester le son et l’image.',
    ],
    rightsWitness: ['Vous pouvez refuser de témoigner lorsque la loi de ce pays ou celle du pays requérant vous en donne le droit.'],
    rightsAccused: [
      'Vous avez le droit de garder le silence ; ce que vous direz pourra être utilisé comme preuve.',
      'Vous avez droit à un avocat et à vous entretenir avec lui en privé et de manière confidentielle avant et pendant l’audition.',
      'Une audition par visioconférence requiert votre consentement. Vous pouvez la refuser ; la question vous sera posée avant le début de l’audition.',
    ],
    closing: 'Modèle {version}. Conservez ce document et apportez-le.',
  },
  {
    language: 'es',
    languageName: 'Español',
    version: 'es-2026.1',
    direction: 'ltr',
    locale: 'es-ES',
    title: 'Citación a una declaración por videoconferencia',
    intro: '{person}, se le cita para declarar en calidad de {capacity} en el asunto {caseReference}, a petición de {court}.',
    capacities: { witness: 'testigo', expert: 'perito', accused: 'investigado o acusado', person_sought: 'persona reclamada en extradición' },
    whenHeading: 'Fecha y hora',
    when: 'El {localDate} a las {localTime} ({localZone}). En la hora del tribunal: el {courtDate} a las {courtTime} ({courtZone}).',
    whereHeading: 'Lugar',
    where: '{venue}, {requestedAuthority}. Preséntese 30 minutos antes con un documento de identidad.',
    legalBasisHeading: 'Fundamento jurídico de la solicitud',
    legalBasis: '{instrument}, {article}.',
    conductedByHeading: 'Dirige la declaración',
    rightsHeading: 'Sus derechos',
    rightsForAll: [
      'Si no habla o no entiende el idioma de la declaración, le asistirá gratuitamente un intérprete.',
      'Una autoridad judicial de {requestedAuthority} comprobará su identidad y estará presente durante toda la declaración para velar por el respeto de los principios fundamentales del Derecho de este país.',
      'Antes de la declaración podrá probar el sonido y la imagen.',
    ],
    rightsWitness: ['Puede negarse a declarar cuando la ley de este país o la del país requirente le reconozca ese derecho.'],
    rightsAccused: [
      'Tiene derecho a guardar silencio; lo que diga podrá utilizarse como prueba.',
      'Tiene derecho a un abogado y a hablar con él en privado y de forma confidencial antes y durante la declaración.',
      'La declaración por videoconferencia requiere su consentimiento. Puede negarse; se le preguntará antes de que empiece.',
    ],
    closing: 'Modelo {version}. Conserve este documento y tráigalo consigo.',
  },
  {
    language: 'de',
    languageName: 'Deutsch',
    version: 'de-2026.1',
    direction: 'ltr',
    locale: 'de-DE',
    title: 'Ladung zu einer Vernehmung per Videokonferenz',
    intro: '{person}, Sie werden auf Ersuchen von {court} geladen, in der Sache {caseReference} als {capacity} vernommen zu werden.',
    capacities: { witness: 'Zeuge/Zeugin', expert: 'Sachverständige(r)', accused: 'Beschuldigte(r)', person_sought: 'zur Auslieferung gesuchte Person' },
    whenHeading: 'Datum und Uhrzeit',
    when: '{localDate} um {localTime} Uhr ({localZone}). In der Zeit des Gerichts: {courtDate} um {courtTime} Uhr ({courtZone}).',
    whereHeading: 'Ort',
    where: '{venue}, {requestedAuthority}. Bitte kommen Sie 30 Minuten vorher und bringen Sie einen Ausweis mit.',
    legalBasisHeading: 'Rechtsgrundlage des Ersuchens',
    legalBasis: '{instrument}, {article}.',
    conductedByHeading: 'Die Vernehmung leitet',
    rightsHeading: 'Ihre Rechte',
    rightsForAll: [
      'Wenn Sie die Sprache der Vernehmung nicht sprechen oder verstehen, steht Ihnen unentgeltlich ein Dolmetscher zur Seite.',
      'Ein Justizbediensteter von {requestedAuthority} prüft Ihre Identität und ist während der gesamten Vernehmung anwesend, um die Einhaltung der Grundprinzipien des Rechts dieses Staates sicherzustellen.',
      'Vor der Vernehmung können Sie Ton und Bild testen.',
    ],
    rightsWitness: ['Sie dürfen die Aussage verweigern, soweit Ihnen das Recht dieses Staates oder des ersuchenden Staates dieses Recht gibt.'],
    rightsAccused: [
      'Sie haben das Recht zu schweigen; was Sie sagen, kann als Beweis verwendet werden.',
      'Sie haben das Recht auf einen Verteidiger und darauf, vor und während der Vernehmung vertraulich mit ihm zu sprechen.',
      'Eine Vernehmung per Videokonferenz setzt Ihre Zustimmung voraus. Sie können sie verweigern; Sie werden vor Beginn gefragt.',
    ],
    closing: 'Vorlage {version}. Bitte bewahren Sie dieses Schreiben auf und bringen Sie es mit.',
  },
  {
    language: 'ar',
    languageName: 'العربية',
    version: 'ar-2026.1',
    direction: 'rtl',
    locale: 'ar',
    title: 'استدعاء لجلسة استماع عبر الاتصال المرئي',
    intro: '{person}، أنت مستدعى للاستماع إليك بصفتك {capacity} في القضية {caseReference}، بناءً على طلب {court}.',
    capacities: { witness: 'شاهدًا', expert: 'خبيرًا', accused: 'مشتبهًا به أو متهمًا', person_sought: 'شخصًا مطلوبًا للتسليم' },
    whenHeading: 'التاريخ والوقت',
    when: '{localDate} الساعة {localTime} ({localZone}). بتوقيت المحكمة: {courtDate} الساعة {courtTime} ({courtZone}).',
    whereHeading: 'المكان',
    where: '{venue}، {requestedAuthority}. يُرجى الحضور قبل الموعد بثلاثين دقيقة مع وثيقة هوية.',
    legalBasisHeading: 'الأساس القانوني للطلب',
    legalBasis: '{instrument}، {article}.',
    conductedByHeading: 'يدير الجلسة',
    rightsHeading: 'حقوقك',
    rightsForAll: [
      'إذا كنت لا تتكلم لغة الجلسة أو لا تفهمها، يساعدك مترجم شفوي مجانًا.',
      'يتحقق موظف قضائي من {requestedAuthority} من هويتك ويحضر طوال الجلسة لضمان احترام المبادئ الأساسية لقانون هذا البلد.',
      'يمكنك قبل الجلسة اختبار الصوت والصورة.',
    ],
    rightsWitness: ['يجوز لك الامتناع عن الإدلاء بالشهادة إذا منحك قانون هذا البلد أو قانون البلد الطالب هذا الحق.'],
    rightsAccused: [
      'لك الحق في التزام الصمت؛ ويجوز استخدام ما تقوله دليلًا.',
      'لك الحق في محامٍ، وفي التحدث معه على انفراد وبسرية قبل الجلسة وأثناءها.',
      'تتطلب الجلسة عبر الاتصال المرئي موافقتك. يجوز لك رفضها؛ وستُسأل عن ذلك قبل بدء الجلسة.',
    ],
    closing: 'النموذج {version}. احتفظ بهذه الوثيقة وأحضرها معك.',
  },
];
