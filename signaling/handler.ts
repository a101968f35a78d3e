/**
 * The one path every browser request takes: parse with its schema, check the permission table,
 * run, and answer with an acknowledgement. A malformed or forbidden request changes nothing and
 * gets an answer naming the field or the missing permission; an unexpected failure is logged and
 * answered without internal detail.
 */
import type { Logger } from 'pino';
import { ROLE_LABELS } from '../scheduling/index.js';
import { storeOutage } from '../store/index.js';
import { invalidInput, toErrorBody, UserError } from './errors.js';
import { can, type Action } from './permissions.js';
import { ClientRequests, type Ack, type ClientRequest, type ClientRequestName, type ClientResponses } from './protocol.js';
import type { HearingSocket } from './socket-types.js';

const ACTION_WORDS: Record<Action, string> = {
  'media.send_audio': 'speak in this hearing',
  'media.send_video': 'send video in this hearing',
  'media.share_screen': 'share a screen in this hearing',
  'media.receive': 'receive the hearing',
  'court.preside': 'conduct the hearing; that is for the presiding judge',
  'court.intervene': 'intervene; that is for the requested-state judicial officer',
  'court.record_gates': 'record identity, rights, consent or oath; that is for the requested-state judicial officer',
  'court.confirm_identity': 'confirm identities for the minutes',
  'court.acknowledge': 'act for the person heard',
  'extradition.take_declaration': 'take a consent to surrender or a renunciation of speciality; that is for the requested-state judge',
  'extradition.attest': 'attest a declaration of the person sought; that is for her lawyer and her interpreter',
  'extradition.declare': 'declare for the person sought; only she can',
  'exhibits.submit': 'submit documents; that is for the court, counsel and the prosecution',
  'court.claim_privilege': 'claim a privilege for the record',
  'court.consult': 'hold a private consultation; that is for counsel, the person they assist and an interpreter',
  'interpretation.interpret': 'interpret in this hearing; that is for its interpreters',
  'interpretation.flag': 'flag a problem with the interpretation',
  'captions.write': 'write the captions; that is for the captioner',
  'minutes.read': 'read the minutes; that is for the judge, the requested-state officer and the clerk',
  'minutes.sign': 'sign the minutes; that is for the presiding judge',
  'minutes.countersign': 'countersign the minutes; that is for the requested-state judicial officer',
};

export function forbidden(socket: HearingSocket, action: Action): UserError {
  const role = ROLE_LABELS[socket.data.participant.role];
  return new UserError('forbidden', `As ${role} you may not ${ACTION_WORDS[action]}.`);
}

export function requirePermission(socket: HearingSocket, action: Action): void {
  if (!can(socket.data.participant.role, action)) throw forbidden(socket, action);
}

type Respond<T> = (answer: Ack<T>) => void;

export function handle<E extends ClientRequestName>(
  socket: HearingSocket,
  log: Logger,
  event: E,
  permission: Action | null,
  run: (request: ClientRequest<E>) => Promise<ClientResponses[E]>,
): void {
  // Arguments are untrusted until parsed, so the listener takes them as unknown.
  const listen = socket.on.bind(socket) as (name: string, listener: (...args: unknown[]) => void) => void;
  listen(event, (...args: unknown[]) => {
    const last = args.at(-1);
    const respond: Respond<ClientResponses[E]> = typeof last === 'function' ? (last as Respond<ClientResponses[E]>) : () => undefined;
    const payload = typeof last === 'function' ? args.slice(0, -1)[0] : args[0];
    void (async () => {
      try {
        // A request without a body (`emit(event, ack)`) means an empty one; `null` is refused like any junk.
        const parsed = ClientRequests[event].safeParse(payload === undefined ? {} : payload);
        if (!parsed.success) throw invalidInput(parsed.error, event);
        if (permission) requirePermission(socket, permission);
        if (socket.data.ended) throw new UserError('session_ended', socket.data.ended.message);
        respond({ ok: true, data: await run(parsed.data as ClientRequest<E>) });
      } catch (error) {
        if (!(error instanceof UserError)) {
          const outage = storeOutage(error);
          log.error(
            { err: error, event, outage },
            outage
              ? `request refused: the court record cannot be written (${outage === 'disk_full' ? 'the database disk is full' : 'the database is unreachable'})`
              : 'request failed',
          );
        }
        respond({ ok: false, error: toErrorBody(error) });
      }
    })();
  });
}

/** A request for an event nobody handles is answered, so a confused client learns why nothing happened. */
export function refuseUnknownEvents(socket: HearingSocket): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && event in ClientRequests) return;
    const last = args.at(-1);
    if (typeof last === 'function') {
      (last as Respond<never>)({
        ok: false,
        error: { code: 'unknown_request', message: `The server does not know the request "${String(event).slice(0, 64)}".` },
      });
    }
  });
}
