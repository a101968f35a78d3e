/**
 * Short-lived TURN credentials for a participant whose network lets neither UDP nor TCP reach the
 * media server directly, in the TURN REST API scheme that coturn (`use-auth-secret`) and most TURN
 * services share: the username is `<expiry, Unix seconds>:<participant id>` and the password is the
 * base64 HMAC-SHA1 of that username under the secret the court shares with its TURN server. The
 * TURN server checks both without asking anyone, and refuses the username once it has expired, so
 * a credential copied out of a browser is worth little. The participant id is the only thing about
 * the person in it: it names no one.
 */
import { createHmac } from 'node:crypto';
import type { RTCIceServerView } from './protocol.js';

export interface TurnSettings {
  /** `turn:` / `turns:` URLs of the court's TURN server. */
  urls: string[];
  /** The secret shared with the TURN server (coturn's `static-auth-secret`). */
  secret: string;
  /** How long a credential is valid; a new one comes with every transport and every ICE restart. */
  ttlSeconds: number;
}

export function turnCredentials(settings: TurnSettings, participantId: string, now: Date = new Date()): RTCIceServerView {
  const expiry = Math.floor(now.getTime() / 1000) + settings.ttlSeconds;
  const username = `${expiry}:${participantId}`;
  return { urls: [...settings.urls], username, credential: createHmac('sha1', settings.secret).update(username).digest('base64') };
}
