/**
 * The request workflow between the two authorities: the one place that says which step may follow
 * which, and which side may take it. Pure: it decides, the service applies (store, bookings, event).
 *
 *   draft ─send→ requested ─accept→ accepted ─propose_slot→ slot_proposed ─agree_slot→ slot_agreed
 *               │  ▲ └refuse→ refused                        (other side)
 *   propose_times  propose_times (requesting)
 *               ▼  │
 *        counter_proposed
 *   slot_agreed ─book_test→ test_booked ─record_test→ test_passed ─schedule→ scheduled ─record_held→ held ─close→ closed
 *                               ▲            └──────→ test_failed ─book_test┘      └reschedule (stays), cancel→ cancelled
 *   scheduled ─(the court adjourns)→ adjourned ─reschedule→ scheduled: the same request and record, a new date
 */
import type { HearingRequest, RequestStage } from './request.js';
import type { MessageKey } from '../language/index.js';
import { SchedulingError, said } from './errors.js';

export const ACTIONS = [
  'send',
  'accept',
  'refuse',
  'propose_times',
  'propose_slot',
  'agree_slot',
  'book_test',
  'record_test',
  'schedule',
  'reschedule',
  'cancel',
  'record_held',
  'close',
] as const;
export type ActionType = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<ActionType, string> = {
  send: 'send the request',
  accept: 'accept the request',
  refuse: 'refuse the request',
  propose_times: 'propose other times',
  propose_slot: 'propose a slot',
  agree_slot: 'agree the proposed slot',
  book_test: 'book the test connection',
  record_test: 'record the test result',
  schedule: 'schedule the hearing',
  reschedule: 'reschedule the hearing',
  cancel: 'cancel the hearing',
  record_held: 'record that the hearing was held',
  close: 'close the file',
};

/** Which authority may act: the one that asks for the hearing, the one that hosts the person, either, or the one that did not make the pending proposal. */
export type Side = 'requesting' | 'requested';
type Who = Side | 'either' | 'counterpart_of_proposer';

interface Rule {
  from: readonly RequestStage[];
  who: Who | ((stage: RequestStage) => Who);
}

const LIVE_STAGES: readonly RequestStage[] = [
  'requested',
  'counter_proposed',
  'accepted',
  'slot_proposed',
  'slot_agreed',
  'test_booked',
  'test_failed',
  'test_passed',
  'scheduled',
  'adjourned',
];

const RULES: Record<ActionType, Rule> = {
  send: { from: ['draft'], who: 'requesting' },
  accept: { from: ['requested'], who: 'requested' },
  refuse: { from: ['requested', 'counter_proposed'], who: 'requested' },
  // The requested side answers a request with other times; the requesting side answers those with its own.
  propose_times: { from: ['requested', 'counter_proposed'], who: (stage) => (stage === 'requested' ? 'requested' : 'requesting') },
  propose_slot: { from: ['accepted', 'slot_proposed'], who: 'either' },
  agree_slot: { from: ['slot_proposed'], who: 'counterpart_of_proposer' },
  book_test: { from: ['slot_agreed', 'test_failed'], who: 'either' },
  record_test: { from: ['test_booked'], who: 'either' },
  schedule: { from: ['test_passed'], who: 'requesting' },
  // An adjourned hearing continues on a new date fixed the same way a scheduled one is moved.
  reschedule: { from: ['scheduled', 'adjourned'], who: 'either' },
  cancel: { from: LIVE_STAGES, who: 'either' },
  record_held: { from: ['scheduled'], who: 'requested' },
  close: { from: ['held'], who: 'either' },
};

/** The stage an action leads to (record_test depends on go / no-go, decided by the caller). */
export const NEXT_STAGE: Record<Exclude<ActionType, 'record_test'>, RequestStage> = {
  send: 'requested',
  accept: 'accepted',
  refuse: 'refused',
  propose_times: 'requested',
  propose_slot: 'slot_proposed',
  agree_slot: 'slot_agreed',
  book_test: 'test_booked',
  schedule: 'scheduled',
  reschedule: 'scheduled',
  cancel: 'cancelled',
  record_held: 'held',
  close: 'closed',
};

/** Where an action leads from the current stage. */
export function nextStage(stage: RequestStage, action: ActionType, testGo = false): RequestStage {
  if (action === 'record_test') return testGo ? 'test_passed' : 'test_failed';
  if (action === 'propose_times') return stage === 'requested' ? 'counter_proposed' : 'requested';
  return NEXT_STAGE[action];
}

export function sideOf(request: Pick<HearingRequest, 'requestingAuthorityId' | 'requestedAuthorityId'>, authorityId: string): Side | null {
  if (authorityId === request.requestingAuthorityId) return 'requesting';
  if (authorityId === request.requestedAuthorityId) return 'requested';
  return null;
}

function permitted(rule: Rule, request: HearingRequest, authorityId: string, side: Side): boolean {
  const who = typeof rule.who === 'function' ? rule.who(request.stage) : rule.who;
  if (who === 'either') return true;
  if (who === 'counterpart_of_proposer') return request.slotProposedBy !== null && request.slotProposedBy !== authorityId;
  return who === side;
}

/** The actions this authority may take now: what the dashboard offers. */
export function availableActions(request: HearingRequest, authorityId: string): ActionType[] {
  const side = sideOf(request, authorityId);
  if (side === null) return [];
  return ACTIONS.filter((action) => RULES[action].from.includes(request.stage) && permitted(RULES[action], request, authorityId, side));
}

/** Each action as a refusal names it ("You cannot send the request"), in the reader's words. */
const ACTION_WORDS: Record<ActionType, MessageKey> = {
  send: 'api.action.send',
  accept: 'api.action.accept',
  refuse: 'api.action.refuse',
  propose_times: 'api.action.propose_times',
  propose_slot: 'api.action.propose_slot',
  agree_slot: 'api.action.agree_slot',
  book_test: 'api.action.book_test',
  record_test: 'api.action.record_test',
  schedule: 'api.action.schedule',
  reschedule: 'api.action.reschedule',
  cancel: 'api.action.cancel',
  record_held: 'api.action.record_held',
  close: 'api.action.close',
};

/**
 * Refuses an action that the stage or the side does not allow, with a sentence that says why and what
 * can be done instead. Returns the acting side.
 */
export function assertAllowed(request: HearingRequest, action: ActionType, authorityId: string): Side {
  const side = sideOf(request, authorityId);
  if (side === null) throw new SchedulingError('not_found', said('api.noRequest'));
  const rule = RULES[action];
  // The stage as the dashboard names it, in the reader's words.
  const stage = said(`coord.stage.${request.stage}`);
  const doing = said(ACTION_WORDS[action]);
  if (!rule.from.includes(request.stage)) {
    if (action === 'schedule' && ['draft', 'requested', 'counter_proposed'].includes(request.stage)) {
      throw new SchedulingError('illegal_transition', said('api.scheduleBeforeAccept'));
    }
    if (action === 'schedule') throw new SchedulingError('illegal_transition', said('api.scheduleNotYet', { stage }));
    const possible = availableActions(request, authorityId).map((a) => said(ACTION_WORDS[a]));
    throw new SchedulingError(
      'illegal_transition',
      possible.length > 0 ? said('api.cannotWithHint', { action: doing, stage, actions: { or: possible } }) : said('api.cannot', { action: doing, stage }),
    );
  }
  if (!permitted(rule, request, authorityId, side)) {
    const message =
      action === 'agree_slot' ? said('api.proposedByYou') : said(side === 'requesting' ? 'api.onlyRequested' : 'api.onlyRequesting', { action: doing });
    throw new SchedulingError('forbidden', message);
  }
  return side;
}

/**
 * What a summons is at a stage: a draft until the two authorities agree the time (it can be previewed,
 * marked as a draft, and cannot be served), final from then on, and none once the request is refused
 * or the hearing cancelled.
 */
export type SummonsStanding = 'draft' | 'final' | 'none';

const SUMMONS_STANDING: Record<RequestStage, SummonsStanding> = {
  draft: 'draft',
  requested: 'draft',
  counter_proposed: 'draft',
  accepted: 'draft',
  slot_proposed: 'draft',
  slot_agreed: 'final',
  test_booked: 'final',
  test_failed: 'final',
  test_passed: 'final',
  scheduled: 'final',
  // Adjourned: the new date is not agreed yet, so a summons can only be a draft until it is.
  adjourned: 'draft',
  held: 'final',
  closed: 'final',
  refused: 'none',
  cancelled: 'none',
};

export function summonsStanding(stage: RequestStage): SummonsStanding {
  return SUMMONS_STANDING[stage];
}
