import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../../scheduling/index.js';
import { ACTIONS, PERMISSIONS, can } from '../../signaling/index.js';

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
});
