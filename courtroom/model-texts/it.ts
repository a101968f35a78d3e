/** Italian model texts: see model-texts/en.ts. */
import type { ModelTexts } from '../../model/text.js';

export const it: ModelTexts = {
  'rights-and-caution': {
    title: 'I Suoi diritti in questa udienza',
    body:
      'La Sua audizione da parte di un tribunale di un altro Stato si svolge in videoconferenza, alla presenza di un’autorità giudiziaria dello Stato in cui Lei si trova. ' +
      'Può rifiutarsi di testimoniare, o avvalersi della facoltà di non rispondere, quando la legge di uno dei due Stati lo consente; l’eventuale rifiuto sarà messo a verbale. ' +
      'Ha diritto all’assistenza gratuita di un interprete e a conferire in privato con il Suo avvocato in qualsiasi momento. ' +
      'Se non comprende qualcosa, lo dica subito. Non è consentito registrare personalmente l’udienza.',
  },
  'consent-video-hearing': {
    title: 'Consenso all’audizione in videoconferenza',
    body:
      'Mi è stato comunicato che la mia audizione può svolgersi in videoconferenza anziché con la mia comparizione di persona, quali sono i miei diritti in questa udienza ' +
      'e che posso consultare il mio avvocato prima di decidere. Presto il mio consenso all’audizione in videoconferenza. ' +
      'Sono consapevole di poter revocare questo consenso in qualsiasi momento e che in tal caso l’udienza sarà sospesa.',
  },
  oath: {
    title: 'Giuramento del testimone',
    body:
      'Il testimone ha l’obbligo di dire la verità e di non tacere nulla di quanto sa sui fatti; la falsa testimonianza è punita dalla legge di entrambi gli Stati. ' +
      'La preghiamo di ripetere dopo il giudice: Consapevole della responsabilità morale e giuridica che assumo con la mia deposizione, giuro di dire tutta la verità e di non nascondere nulla di quanto è a mia conoscenza.',
  },
  affirmation: {
    title: 'Dichiarazione solenne del testimone',
    body:
      'Il testimone ha l’obbligo di dire la verità e di non tacere nulla di quanto sa sui fatti; la falsa testimonianza è punita dalla legge di entrambi gli Stati. ' +
      'La preghiamo di ripetere dopo il giudice: Consapevole della responsabilità morale e giuridica che assumo con la mia deposizione, mi impegno a dire tutta la verità e a non nascondere nulla di quanto è a mia conoscenza.',
  },
};
