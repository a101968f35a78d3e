/**
 * What the scheduling service hands out: each participant's invitation (calendar file and message),
 * the summons with its rights notice, and the calendar feeds behind secret URLs. Built from the stored
 * request every time, so a download always shows the current times, SEQUENCE and stage.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SchedulingError, said } from './errors.js';
import type { Actor } from './coordinator-input.js';
import type { SchedulingService } from './service.js';
import { feedIcs, feedUid, invitationIcs, type FeedEntry } from './invitations.js';
import { invitationMessage, type InvitationMessage } from './summons/invitation-message.js';
import { renderSummons, type Summons, type SummonsTime } from './summons/render.js';
import { summonsStanding } from './workflow.js';
import { intervalAtSites } from './words.js';
import { translatorFor, type MessageKey } from '../language/index.js';

const INVITABLE = new Set(['scheduled', 'cancelled']);

export function feedSecretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** An invitation as it is handed out: the calendar file and the message to send with it, both with the same fresh link. */
export interface Invitation {
  filename: string;
  ics: string;
  message: InvitationMessage;
}

export class SchedulingDocuments {
  constructor(private readonly service: SchedulingService) {}

  private get store() {
    return this.service.store;
  }

  /**
   * One participant's invitation (METHOD:REQUEST, or CANCEL once cancelled) in their own zone and
   * language: the .ics and the message, with a fresh personal link that withdraws their earlier ones.
   * `changed`: it goes out again because the time moved, and says so first — that the hearing
   * continues after an adjournment, where the court adjourned it (the exchange's log says so).
   */
  async invitation(actor: Actor, hearingId: string, participantId: string, options: { changed?: boolean } = {}): Promise<Invitation> {
    const request = await this.service.request(actor, hearingId);
    if (!INVITABLE.has(request.stage) || !request.slot) {
      throw new SchedulingError('illegal_transition', said('api.invitationsAfterScheduling'));
    }
    const participant = (await this.store.requests.people(hearingId)).find((p) => p.id === participantId);
    if (!participant) throw new SchedulingError('not_found', said('api.noParticipant'));
    const { requesting, requested } = await this.service.sites(request);
    const [organizer] = await this.store.authorities.coordinatorsOf(requesting.id);
    const cancelled = request.stage === 'cancelled';
    const joinUrl = cancelled ? null : await this.service.issueLink(request, participant);
    const message = invitationMessage({
      language: participant.language,
      recipient: { name: participant.displayName, role: participant.role, capacity: participant.capacity, timeZone: participant.timeZone },
      caseReference: request.caseReference,
      title: request.title,
      court: { name: requesting.name, zone: requesting.timeZone },
      requestedAuthority: { name: requested.name, zone: requested.timeZone },
      slot: request.slot,
      cancelled,
      changed: options.changed ?? false,
      resumed: options.changed === true && (await this.store.requests.events(hearingId)).some((e) => e.type === 'court.adjourned'),
      joinUrl,
      contact: { name: `${organizer!.displayName} (${requesting.name})`, email: organizer!.email },
    });
    const ics = invitationIcs({
      hearingId,
      participantId,
      title: request.title,
      caseReference: request.caseReference,
      start: request.slot.start,
      end: request.slot.end,
      sequence: request.icsSequence,
      cancelled,
      organizer: { name: `${organizer!.displayName} (${requesting.name})`, email: organizer!.email },
      attendee: { name: participant.displayName, email: participant.email, timeZone: participant.timeZone },
      joinUrl,
      words: { language: message.language, ...message.calendar },
    });
    await this.store.requests.note(hearingId, {
      type: cancelled ? 'invitation.cancellation_issued' : 'invitation.issued',
      actorId: actor.coordinatorId,
      data: { participantId, sequence: request.icsSequence, language: message.language, version: message.version },
    });
    const safeName = participant.displayName.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
    return { filename: `${request.caseReference}-${safeName}.ics`, ics, message };
  }

  /**
   * The summons and rights notice in the person's language (or the one asked): final once the time is
   * agreed, a draft marked as such before; none for a refused request or a cancelled hearing.
   */
  async summons(actor: Actor, hearingId: string, language?: string): Promise<Summons> {
    const request = await this.service.request(actor, hearingId);
    const standing = summonsStanding(request.stage);
    if (standing === 'none') {
      throw new SchedulingError('illegal_transition', said(request.stage === 'refused' ? 'api.noSummonsRefused' : 'api.noSummonsCancelled'));
    }
    const { requesting, requested } = await this.service.sites(request);
    const people = await this.store.requests.people(hearingId);
    const person = people.find((p) => p.role === 'person_heard');
    const rooms = (await this.store.authorities.resources(request.resourceIds)).filter((r) => r.kind === 'room' && r.authorityId === requested.id);
    const time: SummonsTime =
      standing === 'final' && request.slot
        ? { agreed: request.slot }
        : request.slot
          ? { proposed: { kind: 'slot', windows: [request.slot] } }
          : { proposed: { kind: 'windows', windows: request.proposedWindows } };
    const summons = renderSummons({
      language: language ?? person?.language ?? request.details.person.language,
      person: { name: request.details.person.name, capacity: request.details.person.capacity, timeZone: person?.timeZone ?? requested.timeZone },
      caseReference: request.caseReference,
      court: { name: requesting.name, zone: requesting.timeZone },
      requestedAuthority: { name: requested.name, zone: requested.timeZone },
      venue: rooms[0]?.name ?? requested.name,
      legalBasis: request.details.legalBasis,
      conductedBy: request.details.conductedBy,
      time,
      minLeadDays: requesting.minLeadDays,
      issuedAt: new Date().toISOString(),
    });
    await this.store.requests.note(hearingId, {
      type: 'summons.generated',
      actorId: actor.coordinatorId,
      data: { language: summons.language, requested: summons.requested, templateVersion: summons.templateVersion, draft: summons.draft },
    });
    return summons;
  }

  /** Makes a new secret feed URL for the authority, or for one of its rooms, written in `language`; earlier URLs of it stop working. */
  async createFeed(actor: Actor, resourceId: string | null, language: string | null = null): Promise<string> {
    if (resourceId !== null) {
      const [resource] = await this.store.authorities.resources([resourceId]);
      if (!resource || resource.authorityId !== actor.authorityId || resource.kind !== 'room') {
        throw new SchedulingError('invalid_input', said('api.notYourRoom', { field: 'resourceId' }), 'resourceId');
      }
    }
    const secret = randomBytes(32).toString('base64url');
    await this.store.authorities.revokeFeeds(actor.authorityId, resourceId);
    await this.store.authorities.createFeed(feedSecretHash(secret), actor.authorityId, resourceId, language);
    return secret;
  }

  /** The feed behind a secret, or null. Shows hearings and tests, never join links or the person's name. */
  async feed(secret: string): Promise<string | null> {
    const feed = await this.store.authorities.feed(feedSecretHash(secret));
    if (!feed) return null;
    const authority = await this.service.authority(feed.authorityId);
    const requests = (await this.store.requests.listFor(authority.id)).filter((r) => r.slot !== null && r.stage !== 'refused' && r.stage !== 'draft');
    const entries: FeedEntry[] = [];
    // In the language of the coordinator who made the URL: her calendar shows the court's days in her words.
    const words = await translatorFor(feed.language ?? 'en');
    let name = words.t('feed.name', { authority: authority.name });
    if (feed.resourceId) {
      const [room] = await this.store.authorities.resources([feed.resourceId]);
      name = words.t('feed.roomName', { room: room?.name ?? '—', authority: authority.name });
    }
    for (const request of requests) {
      const bookings = feed.resourceId ? (await this.store.bookings.ofHearing(request.hearingId)).filter((b) => b.resourceId === feed.resourceId) : null;
      const other = await this.service.authority(request.requestingAuthorityId === authority.id ? request.requestedAuthorityId : request.requestingAuthorityId);
      const zones = [authority.timeZone, other.timeZone];
      const cancelled = request.stage === 'cancelled';
      const add = (what: 'hearing' | 'test', start: string, end: string) => {
        const summary = words.t(what === 'test' ? 'feed.test' : 'feed.hearing', { caseReference: request.caseReference, authority: other.name });
        entries.push({
          uid: feedUid(request.hearingId, what),
          summary: cancelled ? words.t('feed.cancelled', { summary }) : summary,
          description: `${request.title}\n${words.t('feed.status', { stage: words.t(`coord.stage.${request.stage}` as MessageKey) })}\n${intervalAtSites(start, end, zones, words.language)}`,
          start,
          end,
          sequence: request.icsSequence,
          cancelled,
        });
      };
      if (request.slot && (!bookings || bookings.some((b) => b.purpose === 'hearing') || cancelled)) add('hearing', request.slot.start, request.slot.end);
      if (request.test && (!bookings || bookings.some((b) => b.purpose === 'test'))) add('test', request.test.start, request.test.end);
    }
    return feedIcs(name, authority.timeZone, entries);
  }
}
