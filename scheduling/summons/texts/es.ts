/** Spanish letters: see texts/en.ts for what each message is for. The rights keep the words of es-2026.1, but name the requested authority in brackets, as a name that takes no article. */
import type { LetterTexts } from './en.js';

export const es: LetterTexts = {
  language: 'es',
  version: 'es-2026.4',
  locale: 'es-ES',
  messages: {
    'document.draftWord': 'BORRADOR',
    'document.draftMark': 'Borrador — sin validez como citación mientras no se acuerde la hora',
    'document.draftExplanation':
      'Las dos autoridades aún no han acordado la hora de esta declaración. Este borrador muestra lo que dirá la citación: no le cita a usted ni le obliga a hacer nada. La citación se le notificará en cuanto se acuerde la hora.',

    'when.heading': 'Fecha y hora',
    'when.proposedHeading': 'Horarios propuestos — aún no acordados',
    'when.proposed':
      '{kind, select, slot {Se ha propuesto esta hora; la otra autoridad aún no la ha aceptado.} other {La declaración tendrá lugar dentro de {count, plural, =1 {este periodo} other {uno de estos periodos}}; la hora exacta aún no se ha acordado.}}',
    'when.yours': 'Su hora local ({zone})',
    'when.court': 'Hora del tribunal, {court} ({zone})',
    'when.site': 'Hora local – {site} ({zone})',

    function:
      '{function, select, presiding_judge {Juez que preside} requested_officer {Autoridad judicial del Estado requerido} prosecutor {Ministerio Fiscal} counsel {Abogado} clerk {Letrado de la Administración de Justicia} interpreter {Intérprete} witness {Testigo} expert {Perito} accused {Investigado o acusado} person_sought {Persona reclamada en extradición} person_heard {Persona que declara} other {Observador}}',

    'summons.title': 'Citación a una declaración por videoconferencia',
    'summons.intro':
      '{person}, se le cita para declarar en calidad de {capacity, select, witness {testigo} expert {perito} accused {investigado o acusado} other {persona reclamada en extradición}} en el asunto {caseReference}, a petición de {court}.',
    'summons.whereHeading': 'Lugar',
    'summons.where': '{venue}, {requestedAuthority}.',
    'summons.bring': 'Preséntese 30 minutos antes con un documento de identidad (documento nacional de identidad o pasaporte) y esta citación.',
    'summons.legalBasisHeading': 'Fundamento jurídico de la solicitud',
    'summons.legalBasis': '{instrument}, {article}.',
    'summons.conductedByHeading': 'Dirige la declaración',
    'summons.rightsHeading': 'Sus derechos',
    'rights.interpreter': 'Si no habla o no entiende el idioma de la declaración, le asistirá gratuitamente un intérprete.',
    'rights.officer':
      'Una autoridad judicial del Estado requerido ({requestedAuthority}) comprobará su identidad y estará presente durante toda la declaración para velar por el respeto de los principios fundamentales del Derecho de este país.',
    'rights.test': 'Antes de la declaración podrá probar el sonido y la imagen.',
    'rights.refuseEvidence': 'Puede negarse a declarar cuando la ley de este país o la del país requirente le reconozca ese derecho.',
    'rights.silence': 'Tiene derecho a guardar silencio; lo que diga podrá utilizarse como prueba.',
    'rights.lawyer': 'Tiene derecho a un abogado y a hablar con él en privado y de forma confidencial antes y durante la declaración.',
    'rights.consent': 'La declaración por videoconferencia requiere su consentimiento. Puede negarse; se le preguntará antes de que empiece.',
    'summons.closing': 'Modelo {version}. Conserve este documento y tráigalo consigo.',

    'invitation.subject': 'Audiencia por videoconferencia el {date} – asunto {caseReference}',
    'invitation.subjectCancelled': 'Anulada: audiencia por videoconferencia del {date} – asunto {caseReference}',
    'invitation.greeting': 'Estimado/a {name}:',
    'invitation.intro':
      'Se le convoca a la audiencia por videoconferencia en el asunto {caseReference} ({title}), que se celebra entre {court} y {requestedAuthority}.',
    'invitation.role': 'Participa en calidad de: {function}.',
    'invitation.link': 'Su enlace personal (se abre 30 minutos antes del inicio; no lo facilite a nadie, le identifica a usted):',
    'invitation.ready':
      'Tenga preparado: un documento de identidad (documento nacional de identidad o pasaporte), una sala tranquila donde pueda hablar con libertad y un ordenador o teléfono con cámara y micrófono. Abra el enlace 30 minutos antes para probar el sonido y la imagen.',
    'invitation.cancelled':
      'Esta audiencia ha sido anulada. Su enlace personal ya no funciona. Elimine la cita de su calendario; se le informará si se fija una nueva fecha.',
    'invitation.location': 'Audiencia por videoconferencia entre {court} y {requestedAuthority}',
    'invitation.contact': 'Consultas sobre esta audiencia: {name}, {email}',
    'invitation.subjectChanged': 'Nueva hora: audiencia por videoconferencia el {date} – asunto {caseReference}',
    'invitation.changed':
      'La hora de esta audiencia ha cambiado: la nueva hora figura más abajo. Su enlace anterior ya no funciona; utilice el de este mensaje.',
    'invitation.subjectResumed': 'Reanudación de la audiencia tras su aplazamiento: por videoconferencia el {date} – asunto {caseReference}',
    'invitation.resumed':
      'El tribunal aplazó esta audiencia a una nueva fecha. Se reanuda a la hora indicada a continuación, donde quedó interrumpida: lo actuado en la sesión anterior se mantiene. Su enlace anterior ya no funciona; utilice el de este mensaje.',
    'summons.mailSubject': 'Citación – asunto {caseReference}',
    'summons.mailText':
      'Adjunta encontrará su citación a la audiencia por videoconferencia en el asunto {caseReference}, con la información sobre sus derechos, en su idioma. Léala con atención y consérvela. Su enlace personal a la audiencia le llegará en un mensaje aparte.',
  },
};
