/** German model texts: see model-texts/en.ts. */
import type { ModelTexts } from '../../model/text.js';

export const de: ModelTexts = {
  'rights-and-caution': {
    title: 'Ihre Rechte in dieser Vernehmung',
    body:
      'Sie werden per Video von einem Gericht eines anderen Staates vernommen, in Anwesenheit einer Justizperson des Staates, in dem Sie sich befinden. ' +
      'Sie dürfen die Aussage verweigern oder schweigen, soweit das Recht eines der beiden Staaten dies erlaubt; eine Weigerung wird festgehalten. ' +
      'Sie haben Anspruch auf einen unentgeltlichen Dolmetscher und können sich jederzeit vertraulich mit Ihrem Rechtsbeistand beraten. ' +
      'Wenn Sie etwas nicht verstehen, sagen Sie es sofort. Eigene Aufnahmen der Vernehmung sind nicht erlaubt.',
  },
  'consent-video-hearing': {
    title: 'Zustimmung zur Vernehmung per Video',
    body:
      'Ich wurde darüber belehrt, dass ich statt persönlich zu erscheinen per Videokonferenz vernommen werden kann, über meine Rechte in dieser Vernehmung ' +
      'und darüber, dass ich mich vor meiner Entscheidung mit meinem Rechtsbeistand beraten kann. Ich stimme der Vernehmung per Video zu. ' +
      'Mir ist bekannt, dass ich diese Zustimmung jederzeit widerrufen kann und die Vernehmung dann unterbrochen wird.',
  },
  oath: {
    title: 'Eid der Zeugin oder des Zeugen',
    body:
      'Zeuginnen und Zeugen müssen die Wahrheit sagen und dürfen nichts weglassen, was sie zur Sache wissen; eine Falschaussage ist nach dem Recht beider Staaten strafbar. ' +
      'Bitte sprechen Sie der Richterin oder dem Richter nach: Ich schwöre, dass meine Aussage die Wahrheit sein wird, die ganze Wahrheit und nichts als die Wahrheit.',
  },
  affirmation: {
    title: 'Eidesgleiche Bekräftigung der Zeugin oder des Zeugen',
    body:
      'Zeuginnen und Zeugen müssen die Wahrheit sagen und dürfen nichts weglassen, was sie zur Sache wissen; eine Falschaussage ist nach dem Recht beider Staaten strafbar. ' +
      'Bitte sprechen Sie der Richterin oder dem Richter nach: Ich erkläre und bekräftige feierlich, aufrichtig und wahrhaftig, dass meine Aussage die Wahrheit sein wird, die ganze Wahrheit und nichts als die Wahrheit.',
  },
};
