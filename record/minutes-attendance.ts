/**
 * Who took part in the hearing, and how: each person's function and site, when they connected and
 * left (a lost connection is an interruption until they come back), the waiting room, the name they
 * confirmed for the minutes, the protective measures ordered for them, and their removal.
 */
import type { CourtroomState } from '../courtroom/index.js';
import { ROLE_LABELS, type Participant } from '../scheduling/index.js';
import type { MinutesNames } from './minutes-names.js';
import type { MinutesReading } from './minutes-reading.js';
import type { Minutes, MinutesPerson, PersonHeard, SiteSide, Sites } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

export class Attendance {
  private readonly people = new Map<string, MinutesPerson>();
  private readonly protections = new Map<string, PersonHeard['protectiveMeasures']>();
  private readonly locationWithheld = new Set<string>();
  /** Each person's last removal, as the record gives it: when, and why. */
  private readonly removals = new Map<string, { at: string; reason: string }>();

  constructor(
    private readonly participants: readonly Participant[],
    sites: Sites,
    names: MinutesNames,
    private readonly w: MinutesWords,
  ) {
    for (const p of participants) {
      this.people.set(p.id, {
        participantId: p.id,
        name: '',
        function: names.functionIn(p),
        role: p.role,
        site: sites.of?.[p.id] ?? siteOf(p.role),
        identityConfirmedAt: null,
        attendance: [],
        removed: null,
      });
    }
  }

  read(r: MinutesReading): void {
    const { event, minutes, w, actor, on, say } = r;
    const who = r.names.who;
    on('participant.entered', () => {
      this.people.get(event.actorId ?? '')?.attendance.push({ entered: event.at, left: null, leftBecause: null });
      const interrupted = minutes.technical.interruptions.findLast((i) => i.participantId === event.actorId && i.restoredAt === null);
      if (interrupted) interrupted.restoredAt = event.at;
      say(w.t(interrupted ? 'chron.reconnected' : 'chron.connected', { actor }));
    });
    on('participant.left', (d) => {
      const stay = this.people.get(event.actorId ?? '')?.attendance.findLast((a) => a.left === null);
      if (stay) {
        stay.left = event.at;
        stay.leftBecause = d.reason;
      }
      if (d.reason === 'disconnected') {
        minutes.technical.interruptions.push({
          at: event.at,
          restoredAt: null,
          participantId: event.actorId,
          name: r.actorName,
          cause: w.t('interruption.connectionLost'),
          seq: event.seq,
        });
        say(w.t('chron.lostConnection', { actor }));
      } else if (d.reason !== 'adjourned') {
        // Those who leave with an adjournment are not named one by one: the adjournment says it.
        say(w.t('chron.left', { actor, reason: d.reason }));
      }
    });
    on('lobby.waiting', (d) => say(w.t('chron.waiting', { person: who(d.participantId) })));
    on('lobby.admitted', (d) => say(w.t('chron.admitted', { actor, person: who(d.participantId) })));
    on('lobby.sent_back', (d) =>
      say(
        d.reason
          ? w.t('chron.sentBackBecause', { actor, person: who(d.participantId), reason: d.reason })
          : w.t('chron.sentBack', { actor, person: who(d.participantId) }),
      ),
    );
    on('participant.removed', (d) => {
      this.removals.set(d.participantId, { at: event.at, reason: d.reason });
      say(w.t('chron.removed', { actor, person: who(d.participantId), reason: d.reason }));
    });
    on('participant.identity_confirmed', (d) => {
      const person = this.people.get(d.participantId);
      if (person) person.identityConfirmedAt = event.at;
      // The one who pressed is the one who records it: the confirmation is theirs to vouch for.
      say(
        event.actorId === d.participantId
          ? w.t('chron.confirmedOwn', { person: who(d.participantId) })
          : w.t('chron.confirmedFor', { actor, person: who(d.participantId) }),
      );
    });
    on('protection.set', (d) => {
      const measures = [
        ...(d.pseudonym ? [w.t('protection.pseudonym', { pseudonym: d.pseudonym })] : []),
        ...(d.hideVideoFromObservers ? [w.t('protection.hideVideo')] : []),
        ...(d.audioOnly ? [w.t('protection.audioOnly')] : []),
        ...(d.voiceMasking ? [w.t('protection.voiceMasked')] : []),
        ...(d.faceMasking === 'pixelate' ? [w.t('protection.facePixelated')] : []),
        ...(d.faceMasking === 'replace' ? [w.t('protection.faceReplaced')] : []),
        ...(d.hideLocation ? [w.t('protection.locationWithheld')] : []),
        ...(d.restrictRecording ? [w.t('protection.recordingRestricted')] : []),
      ];
      // Where she was is withheld if the court ever ordered it: a later order does not undo the minutes' silence.
      if (d.hideLocation) this.locationWithheld.add(d.participantId);
      if (measures.length === 0) measures.push(w.t('protection.lifted'));
      let list = this.protections.get(d.participantId);
      if (!list) this.protections.set(d.participantId, (list = []));
      list.push({ at: event.at, orderedBy: r.actorName, measures });
      say(w.t('chron.protection', { actor, person: who(d.participantId), measures: measures.join('; ') }));
    });
  }

  /**
   * Writes the people into the minutes once every entry is read: the persons heard apart, the others
   * in the order of their roles, and every interpreter summoned with what they did. Who was removed
   * is the court's (`court`, as the covered entries leave it); when and why, the record's.
   */
  finish(minutes: Minutes, names: MinutesNames, court: CourtroomState): void {
    for (const p of this.participants) {
      const person = this.people.get(p.id) as MinutesPerson;
      person.name = names.nameOf(p.id);
      if (court.removed.has(p.id)) person.removed = this.removals.get(p.id) ?? null;
      if (p.role === 'person_heard') {
        minutes.personsHeard.push({
          ...person,
          capacity: p.capacity ? this.w.functionOf(p.role, p.capacity) : null,
          realNameWithheld: names.pseudonyms.has(p.id),
          protectiveMeasures: this.protections.get(p.id) ?? [],
          ...(this.locationWithheld.has(p.id) ? { site: null, locationWithheld: true as const } : {}),
          ...(p.vulnerability ? { vulnerability: this.w.t(`vulnerability.${p.vulnerability}`) } : {}),
        });
      } else {
        minutes.participants.push(person);
      }
    }
    minutes.participants.sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
    const assigned = minutes.interpretation.channels.flatMap((c) => c.interpreters);
    minutes.interpreters = this.participants
      .filter((p) => p.role === 'interpreter')
      .map((p) => ({
        participantId: p.id,
        name: names.nameOf(p.id),
        pair: assigned.find((a) => a.participantId === p.id)?.pair ?? null,
        site: this.people.get(p.id)?.site ?? null,
        connected: (this.people.get(p.id)?.attendance.length ?? 0) > 0,
        interpreted: minutes.interpretation.periods.filter((x) => x.participantId === p.id).map((x) => ({ channel: x.channel, from: x.from, to: x.to })),
      }));
  }
}

/** The courtroom's sites by role, where the procedure fixes them. */
function siteOf(role: Participant['role']): SiteSide | null {
  if (role === 'presiding_judge') return 'requesting';
  if (role === 'requested_officer' || role === 'person_heard') return 'requested';
  return null;
}

function roleOrder(role: Participant['role']): number {
  return Object.keys(ROLE_LABELS).indexOf(role);
}
