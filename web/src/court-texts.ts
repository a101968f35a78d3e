/**
 * What the page says to the person heard, in their language: the waiting room and the course of
 * the hearing. (The rights notice and consent text come from the server, versioned and hashed.)
 */
export type PageLanguage = 'en' | 'fr' | 'de' | 'es' | 'ar';

interface Texts {
  waitingTitle: string;
  waitingBody: string;
  waitingForJudge: string;
  paused: string;
  ended: string;
  acknowledge: string;
  withdrawConsent: string;
  claimPrivilege: string;
  privilegePrompt: string;
  mutedByCourt: string;
  askedToUnmute: string;
  removed: string;
}

const TEXTS: Record<PageLanguage, Texts> = {
  en: {
    waitingTitle: 'You are in the waiting room',
    waitingBody: 'The court will bring you into the hearing when it is ready. Until then you cannot see or hear the hearing, and it cannot see or hear you. Please stay on this page.',
    waitingForJudge: 'The judge has not opened the hearing yet.',
    paused: 'The hearing is paused.',
    ended: 'The hearing has ended. Thank you.',
    acknowledge: 'I have read and understood',
    withdrawConsent: 'Withdraw my consent',
    claimPrivilege: 'I refuse to answer',
    privilegePrompt: 'On what ground do you refuse to answer? (for example: the answer could incriminate me)',
    mutedByCourt: 'The court has muted your microphone.',
    askedToUnmute: 'The court asks you to unmute your microphone.',
    removed: 'The court has removed you from this hearing.',
  },
  fr: {
    waitingTitle: "Vous êtes en salle d'attente",
    waitingBody: "La juridiction vous fera entrer dans l'audience lorsqu'elle sera prête. D'ici là, vous ne pouvez ni voir ni entendre l'audience, et elle ne peut ni vous voir ni vous entendre. Restez sur cette page.",
    waitingForJudge: "Le juge n'a pas encore ouvert l'audience.",
    paused: "L'audience est suspendue.",
    ended: "L'audience est terminée. Merci.",
    acknowledge: "J'ai lu et compris",
    withdrawConsent: 'Retirer mon consentement',
    claimPrivilege: 'Je refuse de répondre',
    privilegePrompt: 'Pour quel motif refusez-vous de répondre ? (par exemple : la réponse pourrait m’incriminer)',
    mutedByCourt: 'La juridiction a coupé votre micro.',
    askedToUnmute: 'La juridiction vous demande de rétablir votre micro.',
    removed: "La juridiction vous a exclu(e) de l'audience.",
  },
  de: {
    waitingTitle: 'Sie sind im Warteraum',
    waitingBody: 'Das Gericht holt Sie in die Verhandlung, sobald es bereit ist. Bis dahin können Sie die Verhandlung weder sehen noch hören, und man kann Sie nicht sehen oder hören. Bitte bleiben Sie auf dieser Seite.',
    waitingForJudge: 'Das Gericht hat die Verhandlung noch nicht eröffnet.',
    paused: 'Die Verhandlung ist unterbrochen.',
    ended: 'Die Verhandlung ist beendet. Vielen Dank.',
    acknowledge: 'Ich habe dies gelesen und verstanden',
    withdrawConsent: 'Meine Zustimmung widerrufen',
    claimPrivilege: 'Ich verweigere die Antwort',
    privilegePrompt: 'Aus welchem Grund verweigern Sie die Antwort? (zum Beispiel: die Antwort könnte mich belasten)',
    mutedByCourt: 'Das Gericht hat Ihr Mikrofon stummgeschaltet.',
    askedToUnmute: 'Das Gericht bittet Sie, Ihr Mikrofon einzuschalten.',
    removed: 'Das Gericht hat Sie von der Verhandlung ausgeschlossen.',
  },
  es: {
    waitingTitle: 'Está en la sala de espera',
    waitingBody: 'El tribunal le hará pasar a la audiencia cuando esté listo. Hasta entonces no puede ver ni oír la audiencia, y ella no puede verle ni oírle. Permanezca en esta página.',
    waitingForJudge: 'El juez aún no ha abierto la audiencia.',
    paused: 'La audiencia está suspendida.',
    ended: 'La audiencia ha terminado. Gracias.',
    acknowledge: 'He leído y entendido',
    withdrawConsent: 'Retirar mi consentimiento',
    claimPrivilege: 'Me niego a responder',
    privilegePrompt: '¿Por qué motivo se niega a responder? (por ejemplo: la respuesta podría incriminarme)',
    mutedByCourt: 'El tribunal ha silenciado su micrófono.',
    askedToUnmute: 'El tribunal le pide que active su micrófono.',
    removed: 'El tribunal le ha retirado de esta audiencia.',
  },
  ar: {
    waitingTitle: 'أنت في غرفة الانتظار',
    waitingBody: 'ستُدخلك المحكمة إلى الجلسة عندما تكون جاهزة. حتى ذلك الحين لا يمكنك رؤية الجلسة أو سماعها، ولا يمكن للجلسة رؤيتك أو سماعك. يُرجى البقاء على هذه الصفحة.',
    waitingForJudge: 'لم يفتتح القاضي الجلسة بعد.',
    paused: 'الجلسة معلّقة.',
    ended: 'انتهت الجلسة. شكرًا لك.',
    acknowledge: 'قرأتُ وفهمت',
    withdrawConsent: 'سحب موافقتي',
    claimPrivilege: 'أرفض الإجابة',
    privilegePrompt: 'ما سبب رفضك الإجابة؟ (مثلًا: قد تُجرّمني الإجابة)',
    mutedByCourt: 'كتمت المحكمة الميكروفون الخاص بك.',
    askedToUnmute: 'تطلب منك المحكمة تشغيل الميكروفون.',
    removed: 'أخرجتك المحكمة من هذه الجلسة.',
  },
};

export function textsFor(language: string): { texts: Texts; lang: PageLanguage; dir: 'ltr' | 'rtl' } {
  const lang = (language in TEXTS ? language : 'en') as PageLanguage;
  return { texts: TEXTS[lang], lang, dir: lang === 'ar' ? 'rtl' : 'ltr' };
}
