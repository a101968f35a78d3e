/** Each extradition declaration's name on the pages (the person's, her lawyer's and the court's). */
export const DECLARATION_NAMES = {
  consent_to_surrender: 'extradition.consent_to_surrender',
  speciality_renunciation: 'extradition.speciality_renunciation',
} as const;
