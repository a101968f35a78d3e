/** Spanish model texts: see model-texts/en.ts. */
import type { ModelTexts } from '../../model/text.js';

export const es: ModelTexts = {
  'rights-and-caution': {
    title: 'Sus derechos en esta audiencia',
    body:
      'Usted está siendo oído/a por videoconferencia por un tribunal de otro Estado, en presencia de una autoridad judicial del Estado donde se encuentra. ' +
      'Puede negarse a declarar o guardar silencio cuando lo permita el derecho de cualquiera de los dos Estados; la negativa quedará registrada. ' +
      'Tiene derecho a un intérprete gratuito y a consultar a su abogado en privado en cualquier momento. ' +
      'Si no entiende algo, dígalo de inmediato. No está permitido que usted grabe la audiencia.',
  },
  'consent-video-hearing': {
    title: 'Consentimiento para ser oído/a por videoconferencia',
    body:
      'He sido informado/a de que puedo ser oído/a por videoconferencia en lugar de comparecer en persona, de mis derechos en esta audiencia ' +
      'y de que puedo consultar a mi abogado antes de decidir. Consiento en ser oído/a por videoconferencia. ' +
      'Entiendo que puedo retirar este consentimiento en cualquier momento y que la audiencia se suspenderá entonces.',
  },
  oath: {
    title: 'Juramento del testigo',
    body:
      'Todo testigo está obligado a decir la verdad y a no omitir nada de lo que sepa sobre el asunto; el falso testimonio está penado por la ley de ambos Estados. ' +
      'Le ruego que repita después del juez: Juro que el testimonio que voy a prestar será la verdad, toda la verdad y nada más que la verdad.',
  },
  affirmation: {
    title: 'Promesa solemne del testigo',
    body:
      'Todo testigo está obligado a decir la verdad y a no omitir nada de lo que sepa sobre el asunto; el falso testimonio está penado por la ley de ambos Estados. ' +
      'Le ruego que repita después del juez: Declaro y prometo solemnemente, con sinceridad y verdad, que el testimonio que voy a prestar será la verdad, toda la verdad y nada más que la verdad.',
  },
  'extradition-consent': {
    title: 'Consentimiento a la entrega (extradición simplificada)',
    body:
      'Otro Estado ha solicitado su extradición. Usted puede consentir en ser entregado/a a ese Estado mediante el procedimiento simplificado: ' +
      'si da su consentimiento, no se sigue el procedimiento de extradición completo y puede ser entregado/a con mayor rapidez. ' +
      'Tiene derecho a ser asistido/a por un abogado y, si no entiende el idioma, por un intérprete. ' +
      'Su consentimiento debe prestarse libremente y con pleno conocimiento de lo que significa. Una vez que lo haya prestado ante el juez, no podrá retirarlo, ' +
      'salvo que el derecho del Estado donde se encuentra lo permita; el juez le indicará qué se aplica en su caso. ' +
      'Declaro que consiento en ser entregado/a al Estado requirente mediante el procedimiento de extradición simplificada.',
  },
  'speciality-renunciation': {
    title: 'Renuncia a la protección del principio de especialidad',
    body:
      'En virtud del principio de especialidad, una vez entregado/a, solo puede ser procesado/a, condenado/a o privado/a de libertad por los delitos por los que fue entregado/a. ' +
      'Si renuncia a esta protección, el Estado requirente podrá también procesarle, condenarle o privarle de libertad por otros delitos cometidos antes de su entrega. ' +
      'Tiene derecho a ser asistido/a por un abogado y, si no entiende el idioma, por un intérprete. ' +
      'Su renuncia debe hacerse libremente y con pleno conocimiento de lo que significa. Una vez que la haya hecho ante el juez, no podrá retirarla, ' +
      'salvo que el derecho del Estado donde se encuentra lo permita; el juez le indicará qué se aplica en su caso. ' +
      'Declaro que renuncio a la protección del principio de especialidad.',
  },
};
