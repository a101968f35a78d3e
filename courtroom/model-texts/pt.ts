/** Portuguese (European) model texts: see model-texts/en.ts. */
import type { ModelTexts } from '../../model/text.js';

export const pt: ModelTexts = {
  'rights-and-caution': {
    title: 'Os seus direitos nesta audiência',
    body:
      'A sua audição por um tribunal de outro Estado realiza-se por videoconferência, na presença de uma autoridade judiciária do Estado onde se encontra. ' +
      'Pode recusar-se a depor, ou remeter-se ao silêncio, quando a lei de qualquer um dos dois Estados o permita; a recusa ficará registada em ata. ' +
      'Tem direito a um intérprete, a título gratuito, e a consultar o seu advogado em privado a qualquer momento. ' +
      'Se não compreender alguma coisa, diga-o de imediato. Não é permitido gravar a audiência por sua iniciativa.',
  },
  'consent-video-hearing': {
    title: 'Consentimento para a audição por videoconferência',
    body:
      'Foi-me comunicado que a minha audição pode realizar-se por videoconferência, em vez de comparecer pessoalmente, quais são os meus direitos nesta audiência ' +
      'e que posso consultar o meu advogado antes de decidir. Dou o meu consentimento à minha audição por videoconferência. ' +
      'Compreendo que posso retirar este consentimento a qualquer momento e que, nesse caso, a audiência será suspensa.',
  },
  oath: {
    title: 'Juramento da testemunha',
    body:
      'A testemunha tem o dever de dizer a verdade e de não omitir nada do que sabe sobre os factos; o falso testemunho é punível nos termos da lei de ambos os Estados. ' +
      'Queira repetir, a seguir ao juiz: Juro, por minha honra, que o depoimento que vou prestar será a verdade, toda a verdade e só a verdade.',
  },
  affirmation: {
    title: 'Declaração solene da testemunha',
    body:
      'A testemunha tem o dever de dizer a verdade e de não omitir nada do que sabe sobre os factos; o falso testemunho é punível nos termos da lei de ambos os Estados. ' +
      'Queira repetir, a seguir ao juiz: Declaro e afirmo, solene e sinceramente, em consciência, que o depoimento que vou prestar será a verdade, toda a verdade e só a verdade.',
  },
  'extradition-consent': {
    title: 'Consentimento para a entrega (extradição simplificada)',
    body:
      'Outro Estado pediu a sua extradição. Pode consentir em ser entregue a esse Estado segundo o processo simplificado: ' +
      'se consentir, não se segue o processo de extradição completo e poderá ser entregue mais cedo. ' +
      'Tem direito à assistência de um advogado e, se não compreender a língua, de um intérprete. ' +
      'O seu consentimento deve ser dado livremente e com pleno conhecimento do que significa. Depois de o prestar perante o juiz, não o poderá retirar, ' +
      'salvo se a lei do Estado onde se encontra o permitir; o juiz dir-lhe-á o que se aplica no seu caso. ' +
      'Declaro que consinto em ser entregue ao Estado requerente segundo o processo de extradição simplificada.',
  },
  'speciality-renunciation': {
    title: 'Renúncia à proteção da regra da especialidade',
    body:
      'Nos termos da regra da especialidade, depois de entregue, só pode ser objeto de procedimento penal, condenação ou detenção pelas infrações pelas quais foi entregue. ' +
      'Se renunciar a esta proteção, poderá também ser objeto de procedimento penal, condenação ou detenção no Estado requerente por outras infrações cometidas antes da sua entrega. ' +
      'Tem direito à assistência de um advogado e, se não compreender a língua, de um intérprete. ' +
      'A sua renúncia deve ser feita livremente e com pleno conhecimento do que significa. Depois de a fazer perante o juiz, não a poderá retirar, ' +
      'salvo se a lei do Estado onde se encontra o permitir; o juiz dir-lhe-á o que se aplica no seu caso. ' +
      'Declaro que renuncio à proteção da regra da especialidade.',
  },
};
