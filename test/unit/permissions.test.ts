import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../../scheduling/index.js';
import { ACTIONS, PERMISSIONS, can } from '../../signaling/index.js';
import { COURT_COMMAND_PERMISSIONS, sendActionFor } from '../../signaling/permissions.js';

describe('the permission table', () => {
  it('gives every role a row, naming only known actions', () => {
    for (const role of ROLES) {
      assert.ok(PERMISSIONS[role], role);
      for (const action of PERMISSIONS[role]) assert.ok(ACTIONS.includes(action), `${role}: ${action}`);
    }
  });

  it('lets everyone in the hearing see and hear it', () => {
    for (const role of ROLES) assert.ok(can(role, 'media.receive'), role);
  });

  it('lets an observer only watch: no microphone, no camera, no screen', () => {
    assert.equal(can('observer', 'media.send_audio'), false);
    assert.equal(can('observer', 'media.send_video'), false);
    assert.equal(can('observer', 'media.share_screen'), false);
  });

  it('lets only the captioner write the captions, and the captioner nothing else but listen', () => {
    for (const role of ROLES) assert.equal(can(role, COURT_COMMAND_PERMISSIONS['captions:line']), role === 'captioner', role);
    assert.deepEqual([...PERMISSIONS.captioner].sort(), ['captions.write', 'media.receive']);
  });

  it('lets a support person be seen and heard beside the person heard, and nothing of the proceedings', () => {
    assert.deepEqual([...PERMISSIONS.support_person].sort(), ['media.receive', 'media.send_audio', 'media.send_video']);
    assert.equal(can('support_person', COURT_COMMAND_PERMISSIONS['court:break']), false);
  });

  it('lets the person heard and the interpreter speak and be seen, but not share a screen', () => {
    for (const role of ['person_heard', 'interpreter'] as const) {
      assert.ok(can(role, 'media.send_audio'));
      assert.ok(can(role, 'media.send_video'));
      assert.equal(can(role, 'media.share_screen'), false);
    }
  });

  it('lets both judicial authorities, counsel, the prosecutor and the clerk show documents', () => {
    for (const role of ['presiding_judge', 'requested_officer', 'counsel', 'prosecutor', 'clerk'] as const) {
      assert.ok(can(role, 'media.share_screen'), role);
    }
  });

  it('keeps interpreting to interpreters: the channel, the booth line, going live, handing over, the source, slowing down', () => {
    for (const source of ['interpretation', 'booth'] as const) assert.equal(sendActionFor(source), 'interpretation.interpret');
    for (const role of ROLES) assert.equal(can(role, 'interpretation.interpret'), role === 'interpreter', role);
    for (const name of [
      'interpretation:take',
      'interpretation:hand-over',
      'interpretation:release',
      'interpretation:source',
      'interpretation:slow-down',
    ] as const) {
      assert.equal(COURT_COMMAND_PERMISSIONS[name], 'interpretation.interpret', name);
    }
  });

  it('lets only the presiding judge switch between simultaneous and consecutive, and no observer flag a problem', () => {
    const mode = COURT_COMMAND_PERMISSIONS['interpretation:mode'];
    for (const role of ROLES) assert.equal(can(role, mode), role === 'presiding_judge', role);
    assert.equal(can('observer', COURT_COMMAND_PERMISSIONS['interpretation:problem']), false);
    for (const role of ['person_heard', 'interpreter', 'counsel', 'presiding_judge', 'requested_officer'] as const) {
      assert.ok(can(role, COURT_COMMAND_PERMISSIONS['interpretation:problem']), role);
    }
  });
});
