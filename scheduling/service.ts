/**
 * The scheduling service: every coordinator action goes through here. It checks that the coordinator's
 * authority is party to the request, asks the workflow whether the step is allowed for that side,
 * has the step's changes worked out and its times checked (workflow-steps.ts, conflicts.ts), and has the
 * store apply the step with its bookings and its event in one transaction. Links are withdrawn when
 * the times they carry stop being true.
 */
import type { InvitedParticipant, Store } from '../store/index.js';
import type { Participant } from '../model/hearing.js';
import type { Authority } from './authority.js';
import { conflictError, slotProblems } from './conflicts.js';
import { lasting, MINUTE, resolveInstant, type ActionInput, type Actor, type DraftInput, type InstantInput } from './coordinator-input.js';
import { draftRequest } from './drafting.js';
import { BookingConflict, SchedulingError, said, type Said } from './errors.js';
import { HEARING_STATUS_OF_STAGE, type HearingRequest, type TimeWindow } from './request.js';
import { authorityOf, bufferOf, sitesOf } from './sites.js';
import { searchSlots } from './slot-search.js';
import { assertAllowed } from './workflow.js';
import { planStep } from './workflow-steps.js';

export interface LinkIssuer {
  /** Issues a personal join link valid from `notBefore` to `expiresAt`; returns the URL. */
  issue(participant: Participant, validity: { notBefore: Date; expiresAt: Date }): Promise<string>;
  /** Withdraws every link of the participant (after a reschedule or a cancellation). */
  revokeAll(participantId: string, reason: string): Promise<void>;
}

/** Join links open this long before the start, so people can test their camera in the waiting room. */
export const LINK_OPENS_BEFORE_MINUTES = 30;

export class SchedulingService {
  constructor(
    readonly store: Store,
    private readonly links: LinkIssuer,
    private readonly now: () => Date = () => new Date(),
    /** Whether steps queue their letters for the mail relay (only when the court has one). */
    private readonly sendsLetters = false,
  ) {}

  // ── reading ──────────────────────────────────────────────────────────────────────────────────

  async authority(id: string): Promise<Authority> {
    return authorityOf(this.store, id);
  }

  /** The request, if the actor's authority is party to it; otherwise "not found", never "forbidden". */
  async request(actor: Actor, hearingId: string): Promise<HearingRequest> {
    const request = await this.store.requests.get(hearingId);
    if (
      !request ||
      (request.requestingAuthorityId !== actor.authorityId && (request.requestedAuthorityId !== actor.authorityId || request.stage === 'draft'))
    ) {
      throw new SchedulingError('not_found', said('api.noRequest'));
    }
    return request;
  }

  /** Inbox: requests addressed to the actor's authority (drafts of others are not theirs to see). Outbox: its own. */
  async list(actor: Actor): Promise<{ inbox: HearingRequest[]; outbox: HearingRequest[] }> {
    const all = await this.store.requests.listFor(actor.authorityId);
    return {
      inbox: all.filter((r) => r.requestedAuthorityId === actor.authorityId && r.stage !== 'draft'),
      outbox: all.filter((r) => r.requestingAuthorityId === actor.authorityId),
    };
  }

  async sites(request: HearingRequest): Promise<{ requesting: Authority; requested: Authority }> {
    return sitesOf(this.store, request);
  }

  resolveInstant(input: InstantInput, field: string): string {
    return resolveInstant(input, field);
  }

  // ── drafting and the workflow ────────────────────────────────────────────────────────────────

  async draft(actor: Actor, input: DraftInput): Promise<HearingRequest> {
    return draftRequest(this.store, this.now, actor, input);
  }

  /** Takes one step of the workflow. `expectedVersion`, when given, must match what the coordinator saw. */
  async act(actor: Actor, hearingId: string, action: ActionInput, expectedVersion?: number): Promise<HearingRequest> {
    const request = await this.request(actor, hearingId);
    if (expectedVersion !== undefined && expectedVersion !== request.version) {
      throw new SchedulingError('changed_meanwhile', said('api.changedMeanwhile'));
    }
    assertAllowed(request, action.type, actor.authorityId);
    const sites = await this.sites(request);
    const { next, change } = await planStep(this.store, this.now, actor, request, action, sites);
    let applied: HearingRequest;
    try {
      applied = await this.store.requests.apply({
        request: next,
        hearingStatus: HEARING_STATUS_OF_STAGE[next.stage],
        hearingTimes: change.hearingTimes,
        release: change.release,
        book: change.book,
        addPeople: change.addPeople,
        ...(this.sendsLetters ? { letters: { kinds: change.letters, actor } } : {}),
        event: { type: `request.${action.type}`, actorId: actor.coordinatorId, data: { stage: next.stage, authorityId: actor.authorityId, ...change.data } },
      });
    } catch (error) {
      if (error instanceof BookingConflict) throw await conflictError(this.store, actor, error, sites);
      throw error;
    }
    if (action.type === 'reschedule' || action.type === 'cancel') {
      // The links carried the old times (or a hearing that will not happen): withdraw them all.
      for (const person of await this.store.requests.people(hearingId))
        await this.links.revokeAll(person.id, `hearing ${action.type === 'cancel' ? 'cancelled' : 'rescheduled'}`);
    }
    return applied;
  }

  // ── times, and what stands against them ──────────────────────────────────────────────────────

  /**
   * Everything that stands against holding `purpose` at `slot`: the past, either site closed or on
   * holiday, any resource booked (buffers included). Empty when the slot works.
   */
  async problems(
    actor: Actor,
    request: HearingRequest,
    slot: TimeWindow,
    buffer: number,
    sites: { requesting: Authority; requested: Authority },
    purpose: 'hearing' | 'test',
    ignoreHearingId?: string,
  ): Promise<Said[]> {
    return slotProblems(this.store, this.now, actor, request, slot, buffer, sites, purpose, ignoreHearingId);
  }

  /**
   * The earliest slots for the request: inside its proposed windows (or the window given), both sites
   * open, every resource free with buffers, and an interpreter for the language pair when one is needed.
   */
  async findSlots(
    actor: Actor,
    hearingId: string,
    options: { from?: string | undefined; to?: string | undefined; limit: number },
  ): Promise<{ start: string; end: string; interpreterId: string | null }[]> {
    const request = await this.request(actor, hearingId);
    return searchSlots(this.store, this.now, request, await this.sites(request), options);
  }

  /** What stands against a start time the coordinator has in mind, in words. */
  async checkSlot(actor: Actor, hearingId: string, start: InstantInput): Promise<{ start: string; end: string; problems: Said[] }> {
    const request = await this.request(actor, hearingId);
    const sites = await this.sites(request);
    const slot = lasting(this.resolveInstant(start, 'start'), request.durationMinutes);
    return { ...slot, problems: await this.problems(actor, request, slot, bufferOf(sites), sites, 'hearing', hearingId) };
  }

  // ── invitations ──────────────────────────────────────────────────────────────────────────────

  async people(actor: Actor, hearingId: string): Promise<InvitedParticipant[]> {
    await this.request(actor, hearingId);
    return this.store.requests.people(hearingId);
  }

  /** A fresh personal link for the hearing's times; earlier links of the person are withdrawn first. */
  async issueLink(request: HearingRequest, participant: InvitedParticipant): Promise<string> {
    const slot = request.slot!;
    await this.links.revokeAll(participant.id, 'invitation re-issued');
    return this.links.issue(participant, {
      notBefore: new Date(Date.parse(slot.start) - LINK_OPENS_BEFORE_MINUTES * MINUTE),
      expiresAt: new Date(Date.parse(slot.end)),
    });
  }
}
