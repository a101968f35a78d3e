import type { Migration } from './migration.js';

/**
 * Why a person heard is a vulnerable person (`child` or `adult`), where she is one: the court then
 * admits her only with a support person in the hearing (courtroom/vulnerable.ts). Null for everyone
 * else, and for every participant created before.
 */
export const vulnerablePersons: Migration = {
  version: 12,
  name: 'vulnerable persons heard',
  statements: ['ALTER TABLE participants ADD COLUMN vulnerability TEXT'],
};
