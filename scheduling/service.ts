/**
 * The scheduling service: every coordinator action goes through here. It checks that the coordinator's
 * authority is party to the request, asks the workflow whether the step is allowed for that side,
 * validates times (real local times, working hours, free resources), and has the store apply the step
 * with its bookings and its event in one transaction. Links are withdrawn when the times they carry
 * stop being true.
 */
import type { InvitedParticipant, NewBooking, NewInvitedParticipant, Store } from '../store/index.js';
import { coversPair, type Authority, type Resource } from './authority.js';
import { outsideOpening } from './calendar.js';
import { BookingConflict, SchedulingError, said, type Said } from './errors.js';
import type { Participant } from '../model/hearing.js';
import { HEARING_STATUS_OF_STAGE, languagePair, type HearingRequest, type RefusalGround, type TimeWindow } from './request.js';
import { ROLE_LABELS, type Capacity, type Role } from '../model/roles.js';
import { findSlots, occupation } from './slots.js';
import { epochMinutes, localToUtc, utcIso, type Disambiguation } from './time.js';
import { assertAllowed, nextStage, type ActionType } from './workflow.js';
import { describeConflict, type ConflictContext } from './words.js';

export interface Actor {
  coordinatorId: string;
  authorityId: string;
}

/** A moment as a coordinator gives it: a UTC instant, or a wall-clock time in a named zone. */
export type InstantInput = { utc: string } | { local: string; zone: string; disambiguation?: Disambiguation | undefined };

export interface LinkIssuer {
  /** Issues a personal join link valid from `notBefore` to `expiresAt`; returns the URL. */
  issue(participant: Participant, validity: { notBefore: Date; expiresAt: Date }): Promise<string>;
  /** Withdraws every link of the participant (after a reschedule or a cancellation). */
  revokeAll(participantId: string, reason: string): Promise<void>;
}

export interface DraftInput {
  title: string;
  caseReference: string;
  requestedAuthorityId: string;
  legalBasis: { instrument: string; article: string };
  reasonsNotInPerson: string;
  conductedBy: { name: string; role: Exclude<Role, 'person_heard' | 'requested_officer' | 'interpreter'>; email?: string | undefined }[];
  person: { name: string; nationality?: string | undefined; capacity: Capacity; language: string; email?: string | undefined };
  hearingLanguage: string;
  interpretation: string;
  durationMinutes: number;
  proposedWindows: { start: InstantInput; end: InstantInput }[];
  resourceIds: string[];
}

export type ActionInput =
  | { type: 'send' }
  | { type: 'accept'; resourceIds: string[]; officer: { name: string; email?: string | undefined }; note?: string | undefined }
  | { type: 'refuse'; ground: RefusalGround; explanation: string }
  | { type: 'propose_times'; windows: { start: InstantInput; end: InstantInput }[] }
  | { type: 'propose_slot'; start: InstantInput; interpreterId?: string | undefined }
  | { type: 'agree_slot' }
  | { type: 'book_test'; start: InstantInput; durationMinutes: number }
  | {
      type: 'record_test';
      result: 'go' | 'no_go';
      audio: boolean;
      video: boolean;
      network: string;
      encryption: string;
      contacts: { requesting: string; requested: string };
      notes: string;
    }
  | { type: 'schedule' }
  | { type: 'reschedule'; start: InstantInput }
  | { type: 'cancel'; reason: string }
  | { type: 'record_held' }
  | { type: 'close' };

/** Join links open this long before the start, so people can test their camera in the waiting room. */
export const LINK_OPENS_BEFORE_MINUTES = 30;
const MINUTE = 60_000;

export class SchedulingService {
  constructor(
    readonly store: Store,
    private readonly links: LinkIssuer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ── reading ──────────────────────────────────────────────────────────────────────────────────

  async authority(id: string): Promise<Authority> {
    const authority = await this.store.authorities.get(id);
    if (!authority) throw new SchedulingError('not_found', said('api.noAuthority'));
    return authority;
  }

  /** The request, if the actor's authority is party to it; otherwise "not found", never "forbidden". */
  async request(actor: Actor, hearingId: string): Promise<HearingRequest> {
    const request = await this.store.requests.get(hearingId);
    if (!request || (request.requestingAuthorityId !== actor.authorityId && (request.requestedAuthorityId !== actor.authorityId || request.stage === 'draft'))) {
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
    const [requesting, requested] = await Promise.all([this.authority(request.requestingAuthorityId), this.authority(request.requestedAuthorityId)]);
    return { requesting, requested };
  }

  resolveInstant(input: InstantInput, field: string): string {
    if ('utc' in input) {
      const ms = Date.parse(input.utc);
      if (!Number.isFinite(ms)) throw new SchedulingError('invalid_input', said('api.notInstant', { field }), field);
      return utcIso(ms);
    }
    return localToUtc(input.local, input.zone, input.disambiguation, field);
  }

  private resolveWindows(windows: { start: InstantInput; end: InstantInput }[], durationMinutes: number, field: string): TimeWindow[] {
    return windows.map((w, i) => {
      const start = this.resolveInstant(w.start, `${field}.${i}.start`);
      const end = this.resolveInstant(w.end, `${field}.${i}.end`);
      if (Date.parse(end) - Date.parse(start) < durationMinutes * MINUTE) {
        throw new SchedulingError('invalid_input', said('api.windowShort', { field: `${field}.${i}`, minutes: durationMinutes }), `${field}.${i}`);
      }
      if (Date.parse(end) <= this.now().getTime()) throw new SchedulingError('invalid_input', said('api.windowPast', { field: `${field}.${i}` }), `${field}.${i}`);
      return { start, end };
    });
  }

  // ── drafting ─────────────────────────────────────────────────────────────────────────────────

  async draft(actor: Actor, input: DraftInput): Promise<HearingRequest> {
    if (input.requestedAuthorityId === actor.authorityId) {
      throw new SchedulingError('invalid_input', said('api.ownAuthority', { field: 'requestedAuthorityId' }), 'requestedAuthorityId');
    }
    const [requesting, requested] = await Promise.all([this.authority(actor.authorityId), this.store.authorities.get(input.requestedAuthorityId)]);
    if (!requested) throw new SchedulingError('invalid_input', said('api.noSuchAuthority', { field: 'requestedAuthorityId' }), 'requestedAuthorityId');
    await this.ownResources(actor, input.resourceIds, 'resourceIds');
    const proposedWindows = this.resolveWindows(input.proposedWindows, input.durationMinutes, 'proposedWindows');
    // The person heard is a resource too, so that two hearings can never summon them at the same time.
    const person = await this.store.authorities.createResource({ authorityId: actor.authorityId, kind: 'person', name: input.person.name, languages: [input.person.language], email: null });
    const people: NewInvitedParticipant[] = [
      ...input.conductedBy.map((c) => ({
        displayName: c.name,
        role: c.role,
        capacity: null,
        authorityId: requesting.id,
        email: c.email ?? null,
        timeZone: requesting.timeZone,
        language: input.hearingLanguage,
      })),
      {
        displayName: input.person.name,
        role: 'person_heard',
        capacity: input.person.capacity,
        authorityId: requested.id,
        email: input.person.email ?? null,
        timeZone: requested.timeZone,
        language: input.person.language,
      },
    ];
    const request = await this.store.requests.create(
      {
        title: input.title,
        caseReference: input.caseReference,
        requestingAuthorityId: requesting.id,
        requestedAuthorityId: requested.id,
        details: {
          legalBasis: input.legalBasis,
          reasonsNotInPerson: input.reasonsNotInPerson,
          conductedBy: input.conductedBy.map((c) => ({ name: c.name, function: ROLE_LABELS[c.role], role: c.role })),
          person: { name: input.person.name, nationality: input.person.nationality ?? null, capacity: input.person.capacity, language: input.person.language },
          hearingLanguage: input.hearingLanguage,
          interpretation: input.interpretation,
        },
        proposedWindows,
        durationMinutes: input.durationMinutes,
        resourceIds: [...input.resourceIds, person.id],
        people,
      },
      actor.coordinatorId,
    );
    // The hearing's own record starts here; the exchange between coordinators has its log beside it.
    await this.store.events.append(request.hearingId, { type: 'hearing.created', actorId: actor.coordinatorId, data: { source: 'cross-border request' } });
    return request;
  }

  private async ownResources(actor: Actor, ids: readonly string[], field: string): Promise<Resource[]> {
    const resources = await this.store.authorities.resources(ids);
    for (const id of ids) {
      const resource = resources.find((r) => r.id === id);
      if (!resource || resource.authorityId !== actor.authorityId) {
        throw new SchedulingError('invalid_input', said('api.notYourResource', { field, id }), field);
      }
      // Retired: no longer booked, though the hearings that had it still name it.
      if (resource.retiredAt !== null) throw new SchedulingError('invalid_input', said('api.resourceRetired', { field, name: resource.name }), field);
    }
    return resources;
  }

  // ── the workflow ─────────────────────────────────────────────────────────────────────────────

  /** Takes one step of the workflow. `expectedVersion`, when given, must match what the coordinator saw. */
  async act(actor: Actor, hearingId: string, action: ActionInput, expectedVersion?: number): Promise<HearingRequest> {
    const request = await this.request(actor, hearingId);
    if (expectedVersion !== undefined && expectedVersion !== request.version) {
      throw new SchedulingError('changed_meanwhile', said('api.changedMeanwhile'));
    }
    assertAllowed(request, action.type, actor.authorityId);
    const sites = await this.sites(request);
    const next: HearingRequest = { ...request, stage: nextStage(request.stage, action.type, action.type === 'record_test' && action.result === 'go') };
    const change = {
      hearingTimes: null as { start: string; end: string } | null,
      release: [] as ('hearing' | 'test')[],
      book: [] as NewBooking[],
      addPeople: [] as NewInvitedParticipant[],
      data: {} as Record<string, unknown>,
    };
    const nowIso = this.now().toISOString();
    const buffer = Math.max(sites.requesting.bufferMinutes, sites.requested.bufferMinutes);

    switch (action.type) {
      case 'send':
        break;
      case 'accept': {
        const resources = await this.ownResources(actor, action.resourceIds, 'resourceIds');
        next.resourceIds = [...new Set([...request.resourceIds, ...resources.map((r) => r.id)])];
        next.decision = { by: actor.coordinatorId, at: nowIso, outcome: 'accepted', ground: null, explanation: action.note ?? '' };
        change.addPeople.push({
          displayName: action.officer.name,
          role: 'requested_officer',
          capacity: null,
          authorityId: sites.requested.id,
          email: action.officer.email ?? null,
          timeZone: sites.requested.timeZone,
          language: request.details.person.language,
        });
        change.data = { resourceIds: action.resourceIds, note: action.note ?? '' };
        break;
      }
      case 'refuse':
        next.decision = { by: actor.coordinatorId, at: nowIso, outcome: 'refused', ground: action.ground, explanation: action.explanation };
        change.data = { ground: action.ground, explanation: action.explanation };
        break;
      case 'propose_times':
        next.proposedWindows = this.resolveWindows(action.windows, request.durationMinutes, 'windows');
        next.windowsProposedBy = actor.authorityId;
        change.data = { windows: next.proposedWindows };
        break;
      case 'propose_slot': {
        const start = this.resolveInstant(action.start, 'start');
        const slot = { start, end: utcIso(Date.parse(start) + request.durationMinutes * MINUTE) };
        if (action.interpreterId) next.resourceIds = [...new Set([...request.resourceIds, await this.interpreterFor(request, action.interpreterId)])];
        const problems = await this.problems(actor, { ...request, resourceIds: next.resourceIds }, slot, buffer, sites, 'hearing');
        if (problems.length > 0) throw new SchedulingError('slot_conflict', said('api.slotDoesNotWork'), 'start', problems);
        next.slot = slot;
        next.slotProposedBy = actor.authorityId;
        change.data = { slot };
        break;
      }
      case 'agree_slot': {
        const slot = request.slot!;
        change.book = this.bookingsFor(request.resourceIds, slot, buffer, 'hearing');
        change.hearingTimes = slot;
        change.addPeople = await this.interpreterPeople(request);
        change.data = { slot };
        break;
      }
      case 'book_test': {
        const start = this.resolveInstant(action.start, 'start');
        const test = { start, end: utcIso(Date.parse(start) + action.durationMinutes * MINUTE) };
        if (Date.parse(test.end) > Date.parse(request.slot!.start)) {
          throw new SchedulingError('invalid_input', said('api.testBeforeHearing', { field: 'start' }), 'start');
        }
        const testResources = await this.testResources(request);
        const problems = await this.problems(actor, { ...request, resourceIds: testResources }, test, buffer, sites, 'test');
        if (problems.length > 0) throw new SchedulingError('slot_conflict', said('api.testCannot'), 'start', problems);
        next.test = test;
        next.testResult = null;
        change.release = ['test'];
        change.book = this.bookingsFor(testResources, test, buffer, 'test');
        change.data = { test };
        break;
      }
      case 'record_test': {
        const { type: _type, ...result } = action;
        next.testResult = { ...result, recordedBy: actor.coordinatorId, recordedAt: nowIso };
        change.data = { result: action.result, audio: action.audio, video: action.video, network: action.network, encryption: action.encryption, contacts: action.contacts };
        break;
      }
      case 'schedule':
        change.data = { slot: request.slot, icsSequence: request.icsSequence };
        break;
      case 'reschedule': {
        const start = this.resolveInstant(action.start, 'start');
        const slot = { start, end: utcIso(Date.parse(start) + request.durationMinutes * MINUTE) };
        const problems = await this.problems(actor, request, slot, buffer, sites, 'hearing', request.hearingId);
        if (problems.length > 0) throw new SchedulingError('slot_conflict', said('api.cannotMove'), 'start', problems);
        next.slot = slot;
        next.icsSequence = request.icsSequence + 1;
        change.release = ['hearing'];
        change.book = this.bookingsFor(request.resourceIds, slot, buffer, 'hearing');
        change.hearingTimes = slot;
        change.data = { from: request.slot, to: slot, icsSequence: next.icsSequence };
        break;
      }
      case 'cancel':
        next.cancellationReason = action.reason;
        next.icsSequence = request.icsSequence + 1;
        change.release = ['hearing', 'test'];
        change.data = { reason: action.reason, icsSequence: next.icsSequence };
        break;
      case 'record_held':
      case 'close':
        break;
    }

    let applied: HearingRequest;
    try {
      applied = await this.store.requests.apply({
        request: next,
        hearingStatus: HEARING_STATUS_OF_STAGE[next.stage],
        hearingTimes: change.hearingTimes,
        release: change.release,
        book: change.book,
        addPeople: change.addPeople,
        event: { type: `request.${action.type}`, actorId: actor.coordinatorId, data: { stage: next.stage, authorityId: actor.authorityId, ...change.data } },
      });
    } catch (error) {
      if (error instanceof BookingConflict) throw await this.conflictError(actor, error, sites);
      throw error;
    }
    if (action.type === 'reschedule' || action.type === 'cancel') {
      // The links carried the old times (or a hearing that will not happen): withdraw them all.
      for (const person of await this.store.requests.people(hearingId)) await this.links.revokeAll(person.id, `hearing ${action.type === 'cancel' ? 'cancelled' : 'rescheduled'}`);
    }
    return applied;
  }

  private bookingsFor(resourceIds: readonly string[], slot: TimeWindow, buffer: number, purpose: 'hearing' | 'test'): NewBooking[] {
    const [occupiedFrom, occupiedTo] = occupation(epochMinutes(slot.start), Math.ceil(Date.parse(slot.end) / MINUTE), buffer);
    return resourceIds.map((resourceId) => ({ resourceId, purpose, start: slot.start, end: slot.end, occupiedFrom, occupiedTo }));
  }

  /** The test connection needs the rooms and the interpreters, not the judge or the person heard. */
  private async testResources(request: HearingRequest): Promise<string[]> {
    const resources = await this.store.authorities.resources(request.resourceIds);
    return resources.filter((r) => r.kind === 'room' || r.kind === 'interpreter').map((r) => r.id);
  }

  private async interpreterFor(request: HearingRequest, interpreterId: string): Promise<string> {
    const [interpreter] = await this.store.authorities.resources([interpreterId]);
    const pair = languagePair(request.details);
    const party = interpreter && (interpreter.authorityId === request.requestingAuthorityId || interpreter.authorityId === request.requestedAuthorityId);
    if (!interpreter || !party || !pair || !coversPair(interpreter, pair)) {
      throw new SchedulingError('invalid_input', pair ? said('api.notInterpreterFor', { field: 'interpreterId', pair: pair.join('–') }) : said('api.notInterpreter', { field: 'interpreterId' }), 'interpreterId');
    }
    return interpreter.id;
  }

  private async interpreterPeople(request: HearingRequest): Promise<NewInvitedParticipant[]> {
    const present = new Set((await this.store.requests.people(request.hearingId)).filter((p) => p.role === 'interpreter').map((p) => p.displayName));
    const interpreters = (await this.store.authorities.resources(request.resourceIds)).filter((r) => r.kind === 'interpreter' && !present.has(r.name));
    const zones = new Map((await Promise.all([request.requestingAuthorityId, request.requestedAuthorityId].map((id) => this.authority(id)))).map((a) => [a.id, a.timeZone]));
    // In the hearing the interpreter renders the court's language into the person's: their channel.
    const pair = languagePair(request.details);
    return interpreters.map((r) => ({
      displayName: r.name,
      role: 'interpreter' as const,
      capacity: null,
      authorityId: r.authorityId,
      email: r.email,
      timeZone: zones.get(r.authorityId) ?? 'UTC',
      language: request.details.hearingLanguage,
      interprets: pair ? { from: pair[0], into: pair[1] } : null,
    }));
  }

  // ── conflicts, in words ──────────────────────────────────────────────────────────────────────

  /**
   * Everything that stands against holding `purpose` at `slot`: the past, either site closed or on
   * holiday, any resource booked (buffers included). Empty when the slot works.
   */
  async problems(actor: Actor, request: HearingRequest, slot: TimeWindow, buffer: number, sites: { requesting: Authority; requested: Authority }, purpose: 'hearing' | 'test', ignoreHearingId?: string): Promise<Said[]> {
    const problems: Said[] = [];
    if (Date.parse(slot.start) <= this.now().getTime()) problems.push(said('api.past'));
    const from = epochMinutes(slot.start);
    const to = Math.ceil(Date.parse(slot.end) / MINUTE);
    for (const site of [sites.requesting, sites.requested]) {
      const why = outsideOpening(site, from, to);
      if (why) problems.push(why);
    }
    const [occFrom, occTo] = occupation(from, to, buffer);
    const conflicts = (await this.store.bookings.overlapping(request.resourceIds, occFrom, occTo)).filter(
      (c) => c.hearingId !== ignoreHearingId && !(c.hearingId === request.hearingId && c.purpose === purpose),
    );
    const context = await this.conflictContext(actor, conflicts.map((c) => c.hearingId), request.resourceIds, sites);
    problems.push(...conflicts.map((c) => describeConflict(c, context)));
    return problems;
  }

  private async conflictContext(actor: Actor, hearingIds: readonly string[], resourceIds: readonly string[], sites: { requesting: Authority; requested: Authority }): Promise<ConflictContext> {
    const resources = await this.store.authorities.resources(resourceIds);
    const visibleCases = new Map<string, string>();
    for (const id of new Set(hearingIds)) {
      const other = await this.store.requests.get(id);
      if (other && (other.requestingAuthorityId === actor.authorityId || other.requestedAuthorityId === actor.authorityId)) visibleCases.set(id, other.caseReference);
    }
    const viewerFirst = actor.authorityId === sites.requested.id ? [sites.requested, sites.requesting] : [sites.requesting, sites.requested];
    return {
      resources: new Map(resources.map((r) => [r.id, r])),
      authorities: new Map([sites.requesting, sites.requested].map((a) => [a.id, a])),
      visibleCases,
      zones: viewerFirst.map((a) => a.timeZone),
    };
  }

  private async conflictError(actor: Actor, error: BookingConflict, sites: { requesting: Authority; requested: Authority }): Promise<SchedulingError> {
    if (error.conflicts.length === 0) {
      return new SchedulingError('slot_conflict', said('api.bookedMeanwhile'));
    }
    const context = await this.conflictContext(actor, error.conflicts.map((c) => c.hearingId), error.conflicts.map((c) => c.resourceId), sites);
    return new SchedulingError('slot_conflict', said('api.noLongerFree'), undefined, error.conflicts.map((c) => describeConflict(c, context)));
  }

  // ── the slot finder ──────────────────────────────────────────────────────────────────────────

  /**
   * The earliest slots for the request: inside its proposed windows (or the window given), both sites
   * open, every resource free with buffers, and an interpreter for the language pair when one is needed.
   */
  async findSlots(actor: Actor, hearingId: string, options: { from?: string | undefined; to?: string | undefined; limit: number }): Promise<{ start: string; end: string; interpreterId: string | null }[]> {
    const request = await this.request(actor, hearingId);
    const sites = await this.sites(request);
    const buffer = Math.max(sites.requesting.bufferMinutes, sites.requested.bufferMinutes);
    const nowMin = Math.ceil(this.now().getTime() / MINUTE);
    const windows: [number, number][] =
      options.from && options.to
        ? [[epochMinutes(options.from), epochMinutes(options.to)]]
        : request.proposedWindows.map((w) => [epochMinutes(w.start), epochMinutes(w.end)]);
    const clipped = windows.map(([a, b]) => [Math.max(a, nowMin), b] as [number, number]).filter(([a, b]) => a < b);
    const pair = languagePair(request.details);
    const resources = await this.store.authorities.resources(request.resourceIds);
    const hasInterpreter = pair !== null && resources.some((r) => coversPair(r, pair));
    const interpreterCandidates =
      pair && !hasInterpreter
        ? [...(await this.store.authorities.resourcesOf(request.requestingAuthorityId)), ...(await this.store.authorities.resourcesOf(request.requestedAuthorityId))]
            .filter((r) => coversPair(r, pair))
            .map((r) => r.id)
        : [];
    if (pair && !hasInterpreter && interpreterCandidates.length === 0) {
      throw new SchedulingError('slot_conflict', said('api.noInterpreter', { pair: pair.join('–') }));
    }
    const span: [number, number] = [Math.min(...clipped.map((w) => w[0])) - 24 * 60, Math.max(...clipped.map((w) => w[1])) + 24 * 60];
    // Our own bookings (an agreed slot being moved) do not stand in our way.
    const busy = clipped.length === 0 ? new Map() : await this.store.bookings.busy([...request.resourceIds, ...interpreterCandidates], span[0], span[1], hearingId);
    const found = findSlots({
      sites: [sites.requesting, sites.requested],
      durationMinutes: request.durationMinutes,
      bufferMinutes: buffer,
      windows: clipped,
      required: request.resourceIds,
      anyOf: interpreterCandidates.length > 0 ? [{ label: 'interpreter', candidates: interpreterCandidates }] : [],
      busy,
      limit: options.limit,
    });
    return found.map((slot) => ({ start: utcIso(slot.startMin * MINUTE), end: utcIso(slot.endMin * MINUTE), interpreterId: slot.chosen.interpreter ?? null }));
  }

  /** What stands against a start time the coordinator has in mind, in words. */
  async checkSlot(actor: Actor, hearingId: string, start: InstantInput): Promise<{ start: string; end: string; problems: Said[] }> {
    const request = await this.request(actor, hearingId);
    const sites = await this.sites(request);
    const buffer = Math.max(sites.requesting.bufferMinutes, sites.requested.bufferMinutes);
    const startUtc = this.resolveInstant(start, 'start');
    const slot = { start: startUtc, end: utcIso(Date.parse(startUtc) + request.durationMinutes * MINUTE) };
    return { ...slot, problems: await this.problems(actor, request, slot, buffer, sites, 'hearing', hearingId) };
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
