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
};
