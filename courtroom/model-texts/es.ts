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
};
