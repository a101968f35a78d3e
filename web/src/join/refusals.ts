/** A refusal from the server in words: the person's language where the page knows the code. */
import type { MessageKey } from '../../../language/index.js';
import { RequestError } from '../connection.js';
import { words } from './page-words.js';

/** Refusals the person may meet, in their language; any other is shown as the court's server words it. */
const ERROR_KEYS: Record<string, MessageKey> = {
  rights_not_shown: 'error.rights_not_shown',
  no_consent: 'error.no_consent',
  hearing_ended: 'error.hearing_ended',
  not_connected: 'error.not_connected',
  cannot_seal: 'error.cannot_seal',
  already_consulting: 'error.already_consulting',
  rate_limited: 'error.rate_limited',
  internal_error: 'error.generic',
  record_disk_full: 'error.recordDiskFull',
  record_unavailable: 'error.recordUnavailable',
  timeout: 'status.timeout',
};

export function refusal(error: unknown, otherwise: MessageKey): string {
  if (!(error instanceof RequestError)) return words.t(otherwise);
  const key = ERROR_KEYS[error.code];
  return key ? words.t(key) : error.message;
}
