/** French model texts: see model-texts/en.ts. */
import type { ModelTexts } from '../../model/text.js';

export const fr: ModelTexts = {
  'rights-and-caution': {
    title: 'Vos droits au cours de cette audition',
    body:
      "Vous êtes entendu(e) par vidéoconférence par une juridiction d'un autre État, en présence d'une autorité judiciaire de l'État où vous vous trouvez. " +
      "Vous pouvez refuser de témoigner ou garder le silence lorsque le droit de l'un ou l'autre État le permet ; un refus sera consigné. " +
      'Vous avez droit gratuitement à un interprète et pouvez consulter votre avocat en privé à tout moment. ' +
      "Si vous ne comprenez pas quelque chose, dites-le immédiatement. Il est interdit d'enregistrer vous-même l'audition.",
  },
  'consent-video-hearing': {
    title: 'Consentement à une audition par vidéoconférence',
    body:
      "J'ai été informé(e) que je peux être entendu(e) par vidéoconférence au lieu de comparaître en personne, de mes droits au cours de cette audition, " +
      'et que je peux consulter mon avocat avant de décider. Je consens à être entendu(e) par vidéoconférence. ' +
      "Je comprends que je peux retirer ce consentement à tout moment et que l'audition sera alors suspendue.",
  },
  oath: {
    title: 'Serment du témoin',
    body:
      "Un témoin doit dire la vérité et ne rien omettre de ce qu'il sait sur l'affaire ; le faux témoignage est punissable selon le droit des deux États. " +
      'Veuillez répéter après le juge : Je jure que ma déposition sera la vérité, toute la vérité et rien que la vérité.',
  },
  affirmation: {
    title: 'Affirmation solennelle du témoin',
    body:
      "Un témoin doit dire la vérité et ne rien omettre de ce qu'il sait sur l'affaire ; le faux témoignage est punissable selon le droit des deux États. " +
      'Veuillez répéter après le juge : Je déclare et affirme solennellement, sincèrement et en toute vérité que ma déposition sera la vérité, toute la vérité et rien que la vérité.',
  },
  'extradition-consent': {
    title: 'Consentement à la remise (extradition simplifiée)',
    body:
      'Un autre État a demandé votre extradition. Vous pouvez consentir à être remis(e) à cet État selon la procédure simplifiée : ' +
      "si vous y consentez, la procédure d'extradition complète n'est pas suivie et vous pouvez être remis(e) plus rapidement. " +
      "Vous avez le droit d'être assisté(e) par un avocat, ainsi que par un interprète si vous ne comprenez pas la langue. " +
      "Votre consentement doit être donné librement et en toute connaissance de ce qu'il signifie. Une fois que vous l'avez donné devant le juge, vous ne pouvez plus le retirer, " +
      "sauf si le droit de l'État où vous vous trouvez le permet ; le juge vous dira ce qui s'applique dans votre cas. " +
      "Je déclare consentir à être remis(e) à l'État requérant selon la procédure d'extradition simplifiée.",
  },
  'speciality-renunciation': {
    title: 'Renonciation au bénéfice de la règle de la spécialité',
    body:
      'En vertu de la règle de la spécialité, une fois remis(e), vous ne pouvez être poursuivi(e), condamné(e) ou détenu(e) que pour les infractions pour lesquelles vous avez été remis(e). ' +
      "Si vous renoncez à cette protection, l'État requérant pourra aussi vous poursuivre, vous condamner ou vous détenir pour d'autres infractions commises avant votre remise. " +
      "Vous avez le droit d'être assisté(e) par un avocat, ainsi que par un interprète si vous ne comprenez pas la langue. " +
      "Votre renonciation doit être donnée librement et en toute connaissance de ce qu'elle signifie. Une fois que vous l'avez donnée devant le juge, vous ne pouvez plus la retirer, " +
      "sauf si le droit de l'État où vous vous trouvez le permet ; le juge vous dira ce qui s'applique dans votre cas. " +
      'Je déclare renoncer au bénéfice de la règle de la spécialité.',
  },
};
