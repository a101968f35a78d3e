/** Whom a receiver on audio-only keeps seeing: the latest other speaker whose camera reaches her. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cameraKeptFor, rememberSpeaker, RECENT_SPEAKERS_KEPT } from '../../sfu/speakers.js';

const spoke = (...ids: string[]) => ids.reduce<string[]>((recent, id) => rememberSpeaker(recent, id), []);

describe('the camera kept on an audio-only link', () => {
  it('a witness who is answering keeps the judge who asked', () => {
    assert.equal(cameraKeptFor(spoke('judge', 'witness'), 'witness', new Set(['judge', 'counsel'])), 'judge');
  });

  it('a listener keeps whoever speaks now', () => {
    assert.equal(cameraKeptFor(spoke('judge', 'witness'), 'counsel', new Set(['judge', 'witness'])), 'witness');
  });

  it('counsel who said a word and then turned his camera off does not take the judge’s place', () => {
    const recent = spoke('judge', 'counsel', 'witness');
    assert.equal(cameraKeptFor(recent, 'witness', new Set(['judge'])), 'judge');
    assert.equal(cameraKeptFor(recent, 'witness', new Set(['judge', 'counsel'])), 'counsel', 'with his camera on, the latest other speaker is counsel');
  });

  it('while the witness testifies, everyone else keeps her camera, even the judge asking; she keeps the judge', () => {
    const recent = spoke('witness', 'judge');
    assert.equal(cameraKeptFor(recent, 'counsel', new Set(['judge', 'witness']), 'witness'), 'witness');
    assert.equal(cameraKeptFor(recent, 'judge', new Set(['witness']), 'witness'), 'witness');
    assert.equal(cameraKeptFor(recent, 'witness', new Set(['judge']), 'witness'), 'judge');
    assert.equal(cameraKeptFor(recent, 'counsel', new Set(['judge']), 'witness'), 'judge', 'her camera off: the latest speaker as before');
  });

  it('nobody else has spoken, or no speaker’s camera reaches her: nothing is kept', () => {
    assert.equal(cameraKeptFor(spoke('witness'), 'witness', new Set(['judge'])), null);
    assert.equal(cameraKeptFor(spoke('judge', 'witness'), 'witness', new Set()), null);
  });

  it('each speaker is remembered once, the latest first, and the list stays short', () => {
    assert.deepEqual(spoke('a', 'b', 'a'), ['a', 'b']);
    const many = spoke(...Array.from({ length: RECENT_SPEAKERS_KEPT + 3 }, (_, i) => `p${i}`));
    assert.equal(many.length, RECENT_SPEAKERS_KEPT);
    assert.equal(many[0], `p${RECENT_SPEAKERS_KEPT + 2}`);
  });
});
