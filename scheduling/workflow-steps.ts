/**
 * What each step of the workflow changes, once workflow.ts has allowed it: the request as it will
 * stand, and what the store applies with it in the same transaction — the hearing's times, bookings
 * released and made, people invited, and what the step's event says. Times are checked here, before
 * anything is written: a slot that does not work is refused with every reason in words.
 */
import type { LetterKind, NewBooking, NewInvitedParticipant, Store } from '../store/index.js';
import { lasting, resolveInstant, resolveWindows, type ActionInput, type Actor } from './coordinator-input.js';
import { slotProblems } from './conflicts.js';
import { SchedulingError, said } from './errors.js';
import type { HearingRequest, TimeWindow } from './request.js';
import { bookingsFor, interpreterFor, interpreterPeople, ownResources, testResources } from './request-resources.js';
import { bufferOf, type Sites } from './sites.js';
import { nextStage } from './workflow.js';

/** What the store applies with the request as the step leaves it. */
export interface StepChange {
  hearingTimes: TimeWindow | null;
  release: ('hearing' | 'test')[];
  book: NewBooking[];
  addPeople: NewInvitedParticipant[];
  data: Record<string, unknown>;
  /** The letters the step sends: invitations and the summons once scheduled, updates when moved, cancellations. */
  letters: LetterKind[];
}

/** The request after `action`, and what goes with it; refused if a time it gives does not work. */
export async function planStep(
  store: Store,
  now: () => Date,
  actor: Actor,
  request: HearingRequest,
  action: ActionInput,
  sites: Sites,
): Promise<{ next: HearingRequest; change: StepChange }> {
  const next: HearingRequest = { ...request, stage: nextStage(request.stage, action.type, action.type === 'record_test' && action.result === 'go') };
  const change: StepChange = { hearingTimes: null, release: [], book: [], addPeople: [], data: {}, letters: [] };
  const nowIso = now().toISOString();
  const buffer = bufferOf(sites);
  const problems = (forRequest: HearingRequest, slot: TimeWindow, purpose: 'hearing' | 'test', ignoreHearingId?: string) =>
    slotProblems(store, now, actor, forRequest, slot, buffer, sites, purpose, ignoreHearingId);

  switch (action.type) {
    case 'send':
      break;
    case 'accept': {
      const resources = await ownResources(store, actor, action.resourceIds, 'resourceIds');
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
      next.proposedWindows = resolveWindows(action.windows, request.durationMinutes, 'windows', now);
      next.windowsProposedBy = actor.authorityId;
      change.data = { windows: next.proposedWindows };
      break;
    case 'propose_slot': {
      const slot = lasting(resolveInstant(action.start, 'start'), request.durationMinutes);
      if (action.interpreterId) next.resourceIds = [...new Set([...request.resourceIds, await interpreterFor(store, request, action.interpreterId)])];
      const found = await problems({ ...request, resourceIds: next.resourceIds }, slot, 'hearing');
      if (found.length > 0) throw new SchedulingError('slot_conflict', said('api.slotDoesNotWork'), 'start', found);
      next.slot = slot;
      next.slotProposedBy = actor.authorityId;
      change.data = { slot };
      break;
    }
    case 'agree_slot': {
      const slot = request.slot!;
      change.book = bookingsFor(request.resourceIds, slot, buffer, 'hearing');
      change.hearingTimes = slot;
      change.addPeople = await interpreterPeople(store, request);
      change.data = { slot };
      break;
    }
    case 'book_test': {
      const test = lasting(resolveInstant(action.start, 'start'), action.durationMinutes);
      if (Date.parse(test.end) > Date.parse(request.slot!.start)) {
        throw new SchedulingError('invalid_input', said('api.testBeforeHearing', { field: 'start' }), 'start');
      }
      const resources = await testResources(store, request);
      const found = await problems({ ...request, resourceIds: resources }, test, 'test');
      if (found.length > 0) throw new SchedulingError('slot_conflict', said('api.testCannot'), 'start', found);
      next.test = test;
      next.testResult = null;
      change.release = ['test'];
      change.book = bookingsFor(resources, test, buffer, 'test');
      change.data = { test };
      break;
    }
    case 'record_test': {
      const { type: _type, ...result } = action;
      next.testResult = { ...result, recordedBy: actor.coordinatorId, recordedAt: nowIso };
      change.data = {
        result: action.result,
        audio: action.audio,
        video: action.video,
        network: action.network,
        encryption: action.encryption,
        contacts: action.contacts,
      };
      break;
    }
    case 'schedule':
      change.data = { slot: request.slot, icsSequence: request.icsSequence };
      change.letters = ['invitation', 'summons'];
      break;
    case 'reschedule': {
      const slot = lasting(resolveInstant(action.start, 'start'), request.durationMinutes);
      const found = await problems(request, slot, 'hearing', request.hearingId);
      if (found.length > 0) throw new SchedulingError('slot_conflict', said('api.cannotMove'), 'start', found);
      next.slot = slot;
      next.icsSequence = request.icsSequence + 1;
      change.release = ['hearing'];
      change.book = bookingsFor(request.resourceIds, slot, buffer, 'hearing');
      change.hearingTimes = slot;
      change.data = { from: request.slot, to: slot, icsSequence: next.icsSequence };
      change.letters = ['update', 'summons'];
      break;
    }
    case 'cancel':
      next.cancellationReason = action.reason;
      next.icsSequence = request.icsSequence + 1;
      change.release = ['hearing', 'test'];
      change.data = { reason: action.reason, icsSequence: next.icsSequence };
      change.letters = ['cancellation'];
      break;
    case 'record_held':
    case 'close':
      break;
  }
  return { next, change };
}
