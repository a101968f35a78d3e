/** Which precompressed file a browser is sent, from its Accept-Encoding. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedEncodings } from '../../server/built-files.js';

describe('the encodings a browser accepts', () => {
  it('prefers brotli, then gzip, whatever order the browser lists them in', () => {
    assert.deepEqual(acceptedEncodings('gzip, deflate, br, zstd'), ['br', 'gzip']);
    assert.deepEqual(acceptedEncodings('gzip'), ['gzip']);
  });

  it('sends the file as it is to a browser that accepts neither, or refuses them with q=0', () => {
    assert.deepEqual(acceptedEncodings(undefined), []);
    assert.deepEqual(acceptedEncodings('identity'), []);
    assert.deepEqual(acceptedEncodings('br;q=0, gzip;q=0.5'), ['gzip']);
    assert.deepEqual(acceptedEncodings('*;q=0'), []);
  });

  it('takes a wildcard for both, unless one is named and refused', () => {
    assert.deepEqual(acceptedEncodings('*'), ['br', 'gzip']);
    assert.deepEqual(acceptedEncodings('br;q=0, *'), ['gzip']);
  });
});
