/** Italian letters: see texts/en.ts for what each message is for. Terms follow the Italian model texts (courtroom/model-texts/it.ts). */
import type { LetterTexts } from './en.js';

export const it: LetterTexts = {
  language: 'it',
  version: 'it-2026.4',
  locale: 'it-IT',
  messages: {
    'document.draftWord': 'BOZZA',
    'document.draftMark': 'Bozza — non vale come citazione finché l’orario non è concordato',
    'document.draftExplanation':
      'Le due autorità non hanno ancora concordato l’orario di questa audizione. Questa bozza mostra il contenuto della citazione: non costituisce citazione e non richiede da parte Sua alcun adempimento. La citazione Le sarà notificata non appena l’orario sarà stato concordato.',

    'when.heading': 'Data e ora',
    'when.proposedHeading': 'Orari proposti — non ancora concordati',
    'when.proposed':
      '{kind, select, slot {Questo orario è stato proposto; l’altra autorità non lo ha ancora accettato.} other {L’audizione si terrà {count, plural, =1 {nel periodo seguente} other {in uno dei periodi seguenti}}; l’orario esatto non è ancora concordato.}}',
    'when.yours': 'La Sua ora locale ({zone})',
    'when.court': 'Ora del tribunale, {court} ({zone})',
    'when.site': 'Ora locale – {site} ({zone})',

    function:
      '{function, select, presiding_judge {Giudice che presiede} requested_officer {Autorità giudiziaria dello Stato richiesto} prosecutor {Pubblico ministero} counsel {Difensore} clerk {Cancelliere} interpreter {Interprete} witness {Testimone} expert {Perito} accused {Persona sottoposta alle indagini o imputato} person_sought {Persona ricercata ai fini di estradizione} person_heard {Persona da sentire} other {Osservatore}}',

    'summons.title': 'Citazione per un’audizione in videoconferenza',
    'summons.intro':
      '{person}, Lei è citato/a per essere sentito/a in qualità di {capacity, select, witness {testimone} expert {perito} accused {persona sottoposta alle indagini o imputato} other {persona ricercata ai fini di estradizione}} nel procedimento {caseReference}, su richiesta di {court}.',
    'summons.whereHeading': 'Dove presentarsi',
    'summons.where': '{venue}, {requestedAuthority}.',
    'summons.bring':
      'La preghiamo di presentarsi con 30 minuti di anticipo, munito/a di un documento di identità (carta d’identità o passaporto) e della presente citazione.',
    'summons.legalBasisHeading': 'Base giuridica della richiesta',
    'summons.legalBasis': '{instrument}, {article}.',
    'summons.conductedByHeading': 'L’audizione è condotta da',
    'summons.rightsHeading': 'I Suoi diritti',
    'rights.interpreter': 'Se non parla o non comprende la lingua dell’audizione, sarà assistito/a gratuitamente da un interprete.',
    'rights.officer':
      'Un rappresentante dell’autorità giudiziaria richiesta ({requestedAuthority}) verificherà la Sua identità e sarà presente per tutta la durata dell’audizione per garantire il rispetto dei principi fondamentali dell’ordinamento di questo Stato.',
    'rights.test': 'Prima dell’audizione potrà provare l’audio e il video.',
    'rights.refuseEvidence': 'Può rifiutarsi di testimoniare quando la legge di questo Stato o quella dello Stato richiedente Le riconosce tale facoltà.',
    'rights.silence': 'Ha la facoltà di non rispondere; le Sue dichiarazioni potranno essere utilizzate come prova.',
    'rights.lawyer': 'Ha diritto a un difensore e a conferire con lui in privato e in modo riservato prima e durante l’audizione.',
    'rights.consent': 'L’audizione in videoconferenza richiede il Suo consenso. Può rifiutarla; Le sarà chiesto prima dell’inizio dell’audizione.',
    'summons.closing': 'Modello {version}. Conservi questo documento e lo porti con sé.',

    'invitation.subject': 'Udienza in videoconferenza del {date} – procedimento {caseReference}',
    'invitation.subjectCancelled': 'Annullata: udienza in videoconferenza del {date} – procedimento {caseReference}',
    'invitation.greeting': 'Gentile {name},',
    'invitation.intro':
      'La invitiamo all’udienza in videoconferenza nel procedimento {caseReference} ({title}), che si svolge tra {court} e {requestedAuthority}.',
    'invitation.role': 'Partecipa in qualità di: {function}.',
    'invitation.link': 'Il Suo link personale (si apre 30 minuti prima dell’inizio; non lo inoltri ad altri, perché La identifica):',
    'invitation.ready':
      'Tenga pronti: un documento di identità (carta d’identità o passaporto), una stanza tranquilla in cui possa parlare liberamente e un computer o un telefono con videocamera e microfono. Apra il link 30 minuti prima per provare l’audio e il video.',
    'invitation.cancelled':
      'Questa udienza è stata annullata. Il Suo link personale non funziona più. La preghiamo di eliminare l’appuntamento dal Suo calendario; sarà informato/a se verrà fissata una nuova data.',
    'invitation.location': 'Udienza in videoconferenza tra {court} e {requestedAuthority}',
    'invitation.contact': 'Per domande su questa udienza: {name}, {email}',
    'invitation.subjectChanged': 'Nuovo orario: udienza in videoconferenza del {date} – procedimento {caseReference}',
    'invitation.changed':
      'L’orario di questa udienza è cambiato: il nuovo orario è indicato qui sotto. Il link precedente non funziona più; usi quello contenuto in questo messaggio.',
    'invitation.subjectResumed': 'Ripresa dell’udienza dopo il rinvio: in videoconferenza il {date} – procedimento {caseReference}',
    'invitation.resumed':
      'Il tribunale ha rinviato questa udienza a una nuova data. Essa riprende all’orario indicato qui sotto, dal punto in cui si era interrotta: quanto compiuto nella seduta precedente resta valido. Il Suo link precedente non funziona più; utilizzi quello contenuto in questo messaggio.',
    'summons.mailSubject': 'Citazione – procedimento {caseReference}',
    'summons.mailText':
      'In allegato trova la citazione all’udienza in videoconferenza nel procedimento {caseReference}, con l’informazione sui Suoi diritti, nella Sua lingua. La legga con attenzione e la conservi. Il link personale all’udienza Le arriverà in un messaggio separato.',
  },
};
