/** The words of the record's codes: a stage of a request, a kind of resource, a ground of refusal, a step of the exchange, a capacity. */
import type { MessageKey } from '../../../language/index.js';
import { t } from './words.js';

const STAGES: Record<string, MessageKey> = {
  draft: 'coord.stage.draft',
  requested: 'coord.stage.requested',
  counter_proposed: 'coord.stage.counter_proposed',
  accepted: 'coord.stage.accepted',
  refused: 'coord.stage.refused',
  slot_proposed: 'coord.stage.slot_proposed',
  slot_agreed: 'coord.stage.slot_agreed',
  test_booked: 'coord.stage.test_booked',
  test_failed: 'coord.stage.test_failed',
  test_passed: 'coord.stage.test_passed',
  scheduled: 'coord.stage.scheduled',
  adjourned: 'coord.stage.adjourned',
  held: 'coord.stage.held',
  closed: 'coord.stage.closed',
  cancelled: 'coord.stage.cancelled',
};
export const KINDS: Record<string, MessageKey> = {
  room: 'coord.kind.room',
  judge: 'coord.kind.judge',
  interpreter: 'coord.kind.interpreter',
  person: 'coord.kind.person',
};
export const GROUNDS: Record<string, MessageKey> = {
  fundamental_principles: 'coord.ground.fundamental_principles',
  no_technical_means: 'coord.ground.no_technical_means',
  suspect_refuses: 'coord.ground.suspect_refuses',
  other: 'coord.ground.other',
};
export const EVENTS: Record<string, MessageKey> = {
  'request.drafted': 'coord.event.drafted',
  'request.send': 'coord.event.send',
  'request.accept': 'coord.event.accept',
  'request.refuse': 'coord.event.refuse',
  'request.propose_times': 'coord.event.propose_times',
  'request.propose_slot': 'coord.event.propose_slot',
  'request.agree_slot': 'coord.event.agree_slot',
  'request.book_test': 'coord.event.book_test',
  'request.record_test': 'coord.event.record_test',
  'request.schedule': 'coord.event.schedule',
  'request.reschedule': 'coord.event.reschedule',
  'court.adjourned': 'coord.event.adjourned',
  'request.cancel': 'coord.event.cancel',
  'request.record_held': 'coord.event.record_held',
  'request.close': 'coord.event.close',
  'invitation.issued': 'coord.event.invitation_issued',
  'invitation.cancellation_issued': 'coord.event.cancellation_issued',
  'summons.generated': 'coord.event.summons_generated',
  'mail.sent': 'coord.event.mail_sent',
  'mail.deferred': 'coord.event.mail_deferred',
  'mail.failed': 'coord.event.mail_failed',
  'mail.superseded': 'coord.event.mail_superseded',
};
export const CAPACITIES: Record<string, MessageKey> = {
  witness: 'coord.capacity.witness',
  expert: 'coord.capacity.expert',
  accused: 'coord.capacity.accused',
  person_sought: 'coord.capacity.person_sought',
};
export const said = (map: Record<string, MessageKey>, code: string) => (map[code] ? t(map[code]) : code);
export const stageOf = (r: any) => said(STAGES, r.stage);
