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
  'extradition-consent': {
    title: 'Zustimmung zur Übergabe (vereinfachte Auslieferung)',
    body:
      'Ein anderer Staat hat um Ihre Auslieferung ersucht. Sie können Ihrer Übergabe an diesen Staat im vereinfachten Verfahren zustimmen: ' +
      'Wenn Sie zustimmen, wird das vollständige Auslieferungsverfahren nicht durchgeführt, und Sie können früher übergeben werden. ' +
      'Sie haben das Recht auf Unterstützung durch einen Rechtsbeistand und, wenn Sie die Sprache nicht verstehen, durch einen Dolmetscher. ' +
      'Ihre Zustimmung muss freiwillig und in voller Kenntnis ihrer Bedeutung erteilt werden. Sobald Sie sie vor der Richterin oder dem Richter erteilt haben, können Sie sie nicht mehr widerrufen, ' +
      'es sei denn, das Recht des Staates, in dem Sie sich befinden, lässt dies zu; die Richterin oder der Richter sagt Ihnen, was für Sie gilt. ' +
      'Ich erkläre, dass ich meiner Übergabe an den ersuchenden Staat im vereinfachten Auslieferungsverfahren zustimme.',
  },
  'speciality-renunciation': {
    title: 'Verzicht auf den Schutz des Grundsatzes der Spezialität',
    body:
      'Nach dem Grundsatz der Spezialität dürfen Sie nach Ihrer Übergabe nur wegen der Straftaten verfolgt, verurteilt oder in Haft gehalten werden, derentwegen Sie übergeben wurden. ' +
      'Wenn Sie auf diesen Schutz verzichten, darf der ersuchende Staat Sie auch wegen anderer, vor Ihrer Übergabe begangener Straftaten verfolgen, verurteilen oder in Haft halten. ' +
      'Sie haben das Recht auf Unterstützung durch einen Rechtsbeistand und, wenn Sie die Sprache nicht verstehen, durch einen Dolmetscher. ' +
      'Ihr Verzicht muss freiwillig und in voller Kenntnis seiner Bedeutung erklärt werden. Sobald Sie ihn vor der Richterin oder dem Richter erklärt haben, können Sie ihn nicht mehr widerrufen, ' +
      'es sei denn, das Recht des Staates, in dem Sie sich befinden, lässt dies zu; die Richterin oder der Richter sagt Ihnen, was für Sie gilt. ' +
      'Ich erkläre, dass ich auf den Schutz des Grundsatzes der Spezialität verzichte.',
  },
};
