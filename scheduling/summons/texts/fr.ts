/** French letters: see texts/en.ts for what each message is for. The rights keep the words of fr-2026.1, but name the requested authority in brackets, as a name that takes no article. */
import type { LetterTexts } from './en.js';

export const fr: LetterTexts = {
  language: 'fr',
  version: 'fr-2026.4',
  locale: 'fr-FR',
  messages: {
    'document.draftWord': 'PROJET',
    'document.draftMark': 'Projet — sans valeur de convocation tant que l’horaire n’est pas convenu',
    'document.draftExplanation':
      'Les deux autorités ne sont pas encore convenues de l’horaire de cette audition. Ce projet montre ce que dira la convocation : il ne vous convoque pas et n’appelle aucune démarche de votre part. La convocation elle-même vous sera notifiée dès que l’horaire aura été convenu.',

    'when.heading': 'Date et heure',
    'when.proposedHeading': 'Horaires proposés — non encore convenus',
    'when.proposed':
      '{kind, select, slot {Cet horaire a été proposé ; l’autre autorité ne l’a pas encore accepté.} other {L’audition aura lieu dans {count, plural, =1 {la période suivante} other {l’une des périodes suivantes}} ; son horaire exact n’est pas encore convenu.}}',
    'when.yours': 'Votre heure locale ({zone})',
    'when.court': 'Heure du tribunal, {court} ({zone})',
    'when.site': 'Heure locale – {site} ({zone})',

    function:
      '{function, select, presiding_judge {Juge présidant l’audition} requested_officer {Représentant de l’autorité judiciaire de l’État requis} prosecutor {Ministère public} counsel {Avocat} clerk {Greffier} interpreter {Interprète} witness {Témoin} expert {Expert} accused {Suspect ou personne poursuivie} person_sought {Personne recherchée aux fins d’extradition} person_heard {Personne entendue} other {Observateur}}',

    'summons.title': 'Convocation à une audition par visioconférence',
    'summons.intro':
      '{person}, vous êtes convoqué(e) pour être entendu(e) en qualité de {capacity, select, witness {témoin} expert {expert} accused {suspect ou personne poursuivie} other {personne recherchée aux fins d’extradition}} dans l’affaire {caseReference}, à la demande de {court}.',
    'summons.whereHeading': 'Lieu',
    'summons.where': '{venue}, {requestedAuthority}.',
    'summons.bring':
      'Merci de vous présenter 30 minutes à l’avance, muni(e) d’une pièce d’identité (carte d’identité ou passeport) et de la présente convocation.',
    'summons.legalBasisHeading': 'Base juridique de la demande',
    'summons.legalBasis': '{instrument}, {article}.',
    'summons.conductedByHeading': 'L’audition est conduite par',
    'summons.rightsHeading': 'Vos droits',
    'rights.interpreter': 'Si vous ne parlez pas ou ne comprenez pas la langue de l’audition, un interprète vous assistera gratuitement.',
    'rights.officer':
      'Un représentant de l’autorité judiciaire requise ({requestedAuthority}) vérifiera votre identité et sera présent pendant toute l’audition pour veiller au respect des principes fondamentaux du droit de ce pays.',
    'rights.test': 'Avant l’audition, vous pourrez tester le son et l’image.',
    'rights.refuseEvidence': 'Vous pouvez refuser de témoigner lorsque la loi de ce pays ou celle du pays requérant vous en donne le droit.',
    'rights.silence': 'Vous avez le droit de garder le silence ; ce que vous direz pourra être utilisé comme preuve.',
    'rights.lawyer': 'Vous avez droit à un avocat et à vous entretenir avec lui en privé et de manière confidentielle avant et pendant l’audition.',
    'rights.consent':
      'Une audition par visioconférence requiert votre consentement. Vous pouvez la refuser ; la question vous sera posée avant le début de l’audition.',
    'summons.closing': 'Modèle {version}. Conservez ce document et apportez-le.',

    'invitation.subject': 'Audience par visioconférence le {date} – affaire {caseReference}',
    'invitation.subjectCancelled': 'Annulée : audience par visioconférence du {date} – affaire {caseReference}',
    'invitation.greeting': 'À l’attention de {name},',
    'invitation.intro':
      'Vous êtes invité(e) à l’audience par visioconférence dans l’affaire {caseReference} ({title}), tenue entre {court} et {requestedAuthority}.',
    'invitation.role': 'Vous y participez en qualité de : {function}.',
    'invitation.link': 'Votre lien personnel (il s’ouvre 30 minutes avant le début ; ne le transmettez à personne, il vous identifie) :',
    'invitation.ready':
      'Préparez : une pièce d’identité (carte d’identité ou passeport), une pièce calme où vous pouvez parler librement, et un ordinateur ou un téléphone avec caméra et micro. Ouvrez le lien 30 minutes à l’avance pour tester le son et l’image.',
    'invitation.cancelled':
      'Cette audience est annulée. Votre lien personnel ne fonctionne plus. Veuillez retirer le rendez-vous de votre agenda ; vous serez informé(e) si une nouvelle date est fixée.',
    'invitation.location': 'Audience par visioconférence entre {court} et {requestedAuthority}',
    'invitation.contact': 'Pour toute question sur cette audience : {name}, {email}',
    'invitation.subjectChanged': 'Nouvel horaire : audience par visioconférence le {date} – affaire {caseReference}',
    'invitation.changed':
      'L’horaire de cette audience a changé : le nouvel horaire figure ci-dessous. Votre lien précédent ne fonctionne plus ; utilisez celui de ce message.',
    'invitation.subjectResumed': 'Reprise de l’audience après renvoi : par visioconférence le {date} – affaire {caseReference}',
    'invitation.resumed':
      'Le tribunal a renvoyé cette audience à une date ultérieure. Elle reprend à l’horaire indiqué ci-dessous, là où elle s’était arrêtée : ce qui a été accompli lors de la séance précédente demeure acquis. Votre lien précédent ne fonctionne plus ; utilisez celui de ce message.',
    'summons.mailSubject': 'Convocation – affaire {caseReference}',
    'summons.mailText':
      'Vous trouverez ci-joint votre convocation à l’audience par visioconférence dans l’affaire {caseReference}, avec l’information sur vos droits, dans votre langue. Lisez-la attentivement et conservez-la. Votre lien personnel vers l’audience vous parviendra dans un message séparé.',
  },
};
