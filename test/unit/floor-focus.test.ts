/**
 * Who has the floor on the stage: a voice takes it after two reports as the loudest (not after a
 * cough), keeps it through silence, loses it to the next voice that holds on, and to leaving.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FloorFocus } from '../../web/src/floor-focus.js';

describe('the floor as the stage shows it', () => {
  it('is taken by a voice that stays the loudest for two reports, not by one report', () => {
    const floor = new FloorFocus();
    assert.equal(floor.heard(['counsel']), null, 'one report is a cough, not a question');
    assert.equal(floor.heard(['counsel', 'witness']), 'counsel');
  });

  it('stays with whoever spoke last through silence, and passes only to a voice that holds on', () => {
    const floor = new FloorFocus();
    floor.heard(['counsel']);
    floor.heard(['counsel']);
    assert.equal(floor.heard([]), 'counsel');
    assert.equal(floor.heard([]), 'counsel');
    assert.equal(floor.heard(['prosecutor']), 'counsel');
    assert.equal(floor.heard(['counsel']), 'counsel', 'counsel spoke again: the interruption did not take the floor');
    assert.equal(floor.heard(['prosecutor']), 'counsel');
    assert.equal(floor.heard(['prosecutor', 'counsel']), 'prosecutor');
  });

  it('is free again when its holder leaves', () => {
    const floor = new FloorFocus();
    floor.heard(['counsel']);
    floor.heard(['counsel']);
    floor.left('counsel');
    assert.equal(floor.speaker, null);
    assert.equal(floor.heard([]), null);
  });
});
