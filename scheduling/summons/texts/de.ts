/** German letters: see texts/en.ts for what each message is for. The rights keep the words of de-2026.1, but name the requested authority in brackets, as a name that takes no article. */
import type { LetterTexts } from './en.js';

export const de: LetterTexts = {
  language: 'de',
  version: 'de-2026.4',
  locale: 'de-DE',
  messages: {
    'document.draftWord': 'ENTWURF',
    'document.draftMark': 'Entwurf — keine gültige Ladung, solange der Termin nicht vereinbart ist',
    'document.draftExplanation':
      'Die beiden Behörden haben den Termin dieser Vernehmung noch nicht vereinbart. Dieser Entwurf zeigt, was die Ladung enthalten wird: Sie werden damit nicht geladen und müssen nichts veranlassen. Die Ladung selbst wird Ihnen zugestellt, sobald der Termin vereinbart ist.',

    'when.heading': 'Datum und Uhrzeit',
    'when.proposedHeading': 'Vorgeschlagene Termine — noch nicht vereinbart',
    'when.proposed':
      '{kind, select, slot {Dieser Termin wurde vorgeschlagen; die andere Behörde hat ihm noch nicht zugestimmt.} other {Die Vernehmung findet innerhalb {count, plural, =1 {des folgenden Zeitraums} other {eines der folgenden Zeiträume}} statt; die genaue Uhrzeit ist noch nicht vereinbart.}}',
    'when.yours': 'Ihre Ortszeit ({zone})',
    'when.court': 'Zeit des Gerichts, {court} ({zone})',
    'when.site': 'Ortszeit – {site} ({zone})',

    function:
      '{function, select, presiding_judge {Vorsitzende Richterin / Vorsitzender Richter} requested_officer {Justizbedienstete(r) des ersuchten Staates} prosecutor {Staatsanwaltschaft} counsel {Rechtsbeistand} clerk {Urkundsbeamtin / Urkundsbeamter der Geschäftsstelle} interpreter {Dolmetscherin / Dolmetscher} witness {Zeugin / Zeuge} expert {Sachverständige(r)} accused {Beschuldigte(r)} person_sought {Zur Auslieferung gesuchte Person} person_heard {Zu vernehmende Person} other {Beobachterin / Beobachter}}',

    'summons.title': 'Ladung zu einer Vernehmung per Videokonferenz',
    'summons.intro':
      '{person}, Sie werden auf Ersuchen von {court} geladen, in der Sache {caseReference} als {capacity, select, witness {Zeuge/Zeugin} expert {Sachverständige(r)} accused {Beschuldigte(r)} other {zur Auslieferung gesuchte Person}} vernommen zu werden.',
    'summons.whereHeading': 'Ort',
    'summons.where': '{venue}, {requestedAuthority}.',
    'summons.bring': 'Bitte kommen Sie 30 Minuten vorher und bringen Sie einen Ausweis (Personalausweis oder Reisepass) und diese Ladung mit.',
    'summons.legalBasisHeading': 'Rechtsgrundlage des Ersuchens',
    'summons.legalBasis': '{instrument}, {article}.',
    'summons.conductedByHeading': 'Die Vernehmung leitet',
    'summons.rightsHeading': 'Ihre Rechte',
    'rights.interpreter': 'Wenn Sie die Sprache der Vernehmung nicht sprechen oder verstehen, steht Ihnen unentgeltlich ein Dolmetscher zur Seite.',
    'rights.officer':
      'Ein Justizbediensteter der ersuchten Behörde ({requestedAuthority}) prüft Ihre Identität und ist während der gesamten Vernehmung anwesend, um die Einhaltung der Grundprinzipien des Rechts dieses Staates sicherzustellen.',
    'rights.test': 'Vor der Vernehmung können Sie Ton und Bild testen.',
    'rights.refuseEvidence': 'Sie dürfen die Aussage verweigern, soweit Ihnen das Recht dieses Staates oder des ersuchenden Staates dieses Recht gibt.',
    'rights.silence': 'Sie haben das Recht zu schweigen; was Sie sagen, kann als Beweis verwendet werden.',
    'rights.lawyer': 'Sie haben das Recht auf einen Verteidiger und darauf, vor und während der Vernehmung vertraulich mit ihm zu sprechen.',
    'rights.consent': 'Eine Vernehmung per Videokonferenz setzt Ihre Zustimmung voraus. Sie können sie verweigern; Sie werden vor Beginn gefragt.',
    'summons.closing': 'Vorlage {version}. Bitte bewahren Sie dieses Schreiben auf und bringen Sie es mit.',

    'invitation.subject': 'Verhandlung per Videokonferenz am {date} – Sache {caseReference}',
    'invitation.subjectCancelled': 'Abgesagt: Verhandlung per Videokonferenz am {date} – Sache {caseReference}',
    'invitation.greeting': 'Guten Tag {name},',
    'invitation.intro':
      'Sie sind zur Verhandlung per Videokonferenz in der Sache {caseReference} ({title}) eingeladen, die zwischen {court} und {requestedAuthority} stattfindet.',
    'invitation.role': 'Sie nehmen teil als: {function}.',
    'invitation.link': 'Ihr persönlicher Link (er öffnet sich 30 Minuten vor Beginn; geben Sie ihn nicht weiter, er weist Sie aus):',
    'invitation.ready':
      'Halten Sie bereit: einen Ausweis (Personalausweis oder Reisepass), einen ruhigen Raum, in dem Sie frei sprechen können, und einen Computer oder ein Telefon mit Kamera und Mikrofon. Öffnen Sie den Link 30 Minuten vorher, um Ton und Bild zu testen.',
    'invitation.cancelled':
      'Diese Verhandlung wurde abgesagt. Ihr persönlicher Link funktioniert nicht mehr. Bitte entfernen Sie den Termin aus Ihrem Kalender; Sie werden benachrichtigt, wenn ein neuer Termin festgesetzt wird.',
    'invitation.location': 'Verhandlung per Videokonferenz zwischen {court} und {requestedAuthority}',
    'invitation.contact': 'Fragen zu dieser Verhandlung: {name}, {email}',
    'invitation.subjectChanged': 'Neuer Termin: Verhandlung per Videokonferenz am {date} – Sache {caseReference}',
    'invitation.changed':
      'Der Termin dieser Verhandlung hat sich geändert: Den neuen Termin finden Sie unten. Ihr bisheriger Link funktioniert nicht mehr; verwenden Sie den Link in dieser Nachricht.',
    'invitation.subjectResumed': 'Fortsetzung der vertagten Verhandlung: per Videokonferenz am {date} – Sache {caseReference}',
    'invitation.resumed':
      'Das Gericht hat diese Verhandlung auf einen neuen Termin vertagt. Sie wird zu dem unten angegebenen Termin dort fortgesetzt, wo sie unterbrochen wurde: Was in der früheren Sitzung geschehen ist, bleibt bestehen. Ihr bisheriger Link funktioniert nicht mehr; verwenden Sie den Link in dieser Nachricht.',
    'summons.mailSubject': 'Ladung – Sache {caseReference}',
    'summons.mailText':
      'Anbei erhalten Sie Ihre Ladung zur Verhandlung per Videokonferenz in der Sache {caseReference} mit der Belehrung über Ihre Rechte, in Ihrer Sprache. Bitte lesen Sie sie sorgfältig und bewahren Sie sie auf. Ihren persönlichen Link zur Verhandlung erhalten Sie in einer gesonderten Nachricht.',
  },
};
