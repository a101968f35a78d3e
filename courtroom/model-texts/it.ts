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
  'extradition-consent': {
    title: 'Consenso alla consegna (estradizione semplificata)',
    body:
      'Un altro Stato ha chiesto la Sua estradizione. Lei può acconsentire alla Sua consegna a quello Stato con la procedura semplificata: ' +
      'se presta il consenso, non si segue l’intera procedura di estradizione e la Sua consegna può avvenire prima. ' +
      'Ha diritto all’assistenza di un avvocato e, se non comprende la lingua, di un interprete. ' +
      'Il Suo consenso deve essere prestato liberamente e con piena consapevolezza di ciò che significa. Una volta prestato davanti al giudice, non può più revocarlo, ' +
      'salvo che la legge dello Stato in cui Lei si trova lo consenta; il giudice Le indicherà che cosa si applica nel Suo caso. ' +
      'Dichiaro di acconsentire alla mia consegna allo Stato richiedente con la procedura di estradizione semplificata.',
  },
  'speciality-renunciation': {
    title: 'Rinuncia alla tutela del principio di specialità',
    body:
      'In base al principio di specialità, dopo la consegna si può procedere penalmente nei Suoi confronti, condannarLa o privarLa della libertà personale soltanto per i reati per i quali è stata concessa la consegna. ' +
      'Se rinuncia a questa tutela, lo Stato richiedente potrà procedere penalmente nei Suoi confronti, condannarLa o privarLa della libertà personale anche per altri reati commessi prima della consegna. ' +
      'Ha diritto all’assistenza di un avvocato e, se non comprende la lingua, di un interprete. ' +
      'La Sua rinuncia deve essere espressa liberamente e con piena consapevolezza di ciò che significa. Una volta espressa davanti al giudice, non può più revocarla, ' +
      'salvo che la legge dello Stato in cui Lei si trova lo consenta; il giudice Le indicherà che cosa si applica nel Suo caso. ' +
      'Dichiaro di rinunciare alla tutela del principio di specialità.',
  },
};
