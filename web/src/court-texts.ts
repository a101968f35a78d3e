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
  /** Audio-only: why this person receives no video, the control, and the mark on a tile whose video is off. */
  audioOnlyLink: string;
  audioOnlySelf: string;
  audioOnlyCourt: string;
  audioOnlyOn: string;
  audioOnlyOff: string;
  audioOnlyCamera: string;
  videoOff: string;
  /** Shown to everyone while the court records the hearing. */
  recording: string;
  recordingBasis: string;
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
    audioOnlyLink: 'Your connection is too weak for video: you now receive sound only (and the person speaking at low quality when your connection allows). Video comes back by itself when your connection improves.',
    audioOnlySelf: 'You chose audio-only: you receive no video.',
    audioOnlyCourt: 'The court has switched your incoming video off so that you hear and are heard clearly.',
    audioOnlyOn: 'Audio only',
    audioOnlyOff: 'Receive video again',
    audioOnlyCamera: 'Stop my camera too',
    videoOff: 'Video off',
    recording: 'Recording',
    recordingBasis: 'Legal basis:',
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
    audioOnlyLink: 'Votre connexion est trop faible pour la vidéo : vous ne recevez plus que le son (et la personne qui parle en basse qualité si votre connexion le permet). La vidéo reviendra d’elle-même quand votre connexion s’améliorera.',
    audioOnlySelf: 'Vous avez choisi le son seul : vous ne recevez aucune vidéo.',
    audioOnlyCourt: 'La juridiction a coupé la vidéo que vous recevez afin que vous entendiez et soyez entendu(e) clairement.',
    audioOnlyOn: 'Son seul',
    audioOnlyOff: 'Recevoir à nouveau la vidéo',
    audioOnlyCamera: 'Arrêter aussi ma caméra',
    videoOff: 'Vidéo coupée',
    recording: 'Enregistrement en cours',
    recordingBasis: 'Base légale :',
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
    audioOnlyLink: 'Ihre Verbindung ist für Video zu schwach: Sie empfangen jetzt nur Ton (und die sprechende Person in niedriger Qualität, wenn Ihre Verbindung es erlaubt). Das Video kommt von selbst zurück, sobald sich Ihre Verbindung bessert.',
    audioOnlySelf: 'Sie haben „nur Ton“ gewählt: Sie empfangen kein Video.',
    audioOnlyCourt: 'Das Gericht hat Ihr eingehendes Video abgeschaltet, damit Sie deutlich hören und gehört werden.',
    audioOnlyOn: 'Nur Ton',
    audioOnlyOff: 'Wieder Video empfangen',
    audioOnlyCamera: 'Auch meine Kamera ausschalten',
    videoOff: 'Video aus',
    recording: 'Aufzeichnung läuft',
    recordingBasis: 'Rechtsgrundlage:',
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
    audioOnlyLink: 'Su conexión es demasiado débil para el vídeo: ahora solo recibe sonido (y a la persona que habla en baja calidad si su conexión lo permite). El vídeo volverá solo cuando mejore su conexión.',
    audioOnlySelf: 'Ha elegido solo audio: no recibe vídeo.',
    audioOnlyCourt: 'El tribunal ha desactivado el vídeo que usted recibe para que oiga y se le oiga con claridad.',
    audioOnlyOn: 'Solo audio',
    audioOnlyOff: 'Volver a recibir vídeo',
    audioOnlyCamera: 'Detener también mi cámara',
    videoOff: 'Vídeo desactivado',
    recording: 'Grabando',
    recordingBasis: 'Base jurídica:',
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
    audioOnlyLink: 'اتصالك أضعف من أن يحمل الفيديو: أنت تستقبل الصوت فقط الآن (والمتحدث بجودة منخفضة إذا سمح اتصالك). سيعود الفيديو تلقائيًا عندما يتحسن اتصالك.',
    audioOnlySelf: 'اخترت الصوت فقط: لا تستقبل أي فيديو.',
    audioOnlyCourt: 'أوقفت المحكمة الفيديو الوارد إليك لكي تسمع ويُسمع صوتك بوضوح.',
    audioOnlyOn: 'الصوت فقط',
    audioOnlyOff: 'استقبال الفيديو من جديد',
    audioOnlyCamera: 'إيقاف الكاميرا أيضًا',
    videoOff: 'الفيديو متوقف',
    recording: 'جارٍ التسجيل',
    recordingBasis: 'السند القانوني:',
  },
};

export function textsFor(language: string): { texts: Texts; lang: PageLanguage; dir: 'ltr' | 'rtl' } {
  const lang = (language in TEXTS ? language : 'en') as PageLanguage;
  return { texts: TEXTS[lang], lang, dir: lang === 'ar' ? 'rtl' : 'ltr' };
}
