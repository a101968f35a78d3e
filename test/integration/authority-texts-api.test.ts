/**
 * A coordinator loads her authority's approved texts over the API: only her own authority's, each
 * field checked and named when wrong, the hash computed by the server, and an approved version never
 * replaced under the same label.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MODEL_TEXT_BOOK, textHash } from '../../courtroom/index.js';
import { twoSignedIn, type Client } from '../support/coordinators.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CAUTION = {
  textId: 'rights-and-caution',
  language: 'fr',
  version: '2026-04',
  title: 'Vos droits lors de cette audition',
  body: 'Vous pouvez refuser de répondre aux questions dont la réponse pourrait vous incriminer.\nVous avez droit à un interprète.',
  approvedBy: 'Le président du tribunal judiciaire',
};

describe('the authority’s texts over the API', () => {
  let server: TestServer;
  let paris: Client;
  let montreal: Client;
  let sites: Awaited<ReturnType<typeof twoSignedIn>>['sites'];

  before(async () => {
    server = await startTestServer();
    ({ sites, paris, montreal } = await twoSignedIn(server));
  });
  after(async () => server?.close());

  it('refuses anyone not signed in', async () => {
    assert.equal((await fetch(`${server.url}/api/authority/texts`)).status, 401);
    const post = await fetch(`${server.url}/api/authority/texts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CAUTION),
    });
    assert.equal(post.status, 401);
    assert.deepEqual(await server.store.authorityTexts.history(sites.paris.authorityId), []);
  });

  it('loads a version with the hash the server computes, who approved it and which coordinator loaded it, superseding the model text', async () => {
    const loaded = await paris.post('/api/authority/texts', { ...CAUTION, body: CAUTION.body.replace('\n', '\r\n') });
    assert.equal(loaded.status, 201, loaded.text);
    assert.equal(loaded.body.body, CAUTION.body, 'one kind of line end, so the same words always hash the same');
    assert.equal(loaded.body.sha256, textHash(CAUTION.title, CAUTION.body));
    assert.equal(loaded.body.approvedBy, CAUTION.approvedBy);
    const coordinator = await server.store.authorities.coordinatorByEmail(sites.paris.email);
    assert.equal(loaded.body.loadedBy, coordinator!.id);
    assert.deepEqual(loaded.body.supersedes, {
      textId: 'rights-and-caution',
      language: 'fr',
      version: MODEL_TEXT_BOOK.text('rights-and-caution', 'fr')!.version,
      sha256: MODEL_TEXT_BOOK.text('rights-and-caution', 'fr')!.sha256,
      title: MODEL_TEXT_BOOK.text('rights-and-caution', 'fr')!.title,
    });

    const listed = await paris.get('/api/authority/texts');
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(
      listed.body.current.map((t: { textId: string; language: string; version: string }) => `${t.textId} ${t.language} ${t.version}`),
      ['rights-and-caution fr 2026-04'],
    );
    const applies = (textId: string, language: string) =>
      listed.body.inForce.find((t: { textId: string; language: string }) => t.textId === textId && t.language === language);
    assert.equal(applies('rights-and-caution', 'fr').source, 'authority');
    assert.equal(applies('rights-and-caution', 'fr').sha256, loaded.body.sha256);
    assert.equal(applies('oath', 'fr').source, 'model', 'the model text still applies where the authority has loaded none');
    assert.equal(applies('rights-and-caution', 'de').source, 'model');
  });

  it('a client cannot give the hash, and a polish-looking tag is made canonical', async () => {
    const forged = await paris.post('/api/authority/texts', { ...CAUTION, version: '2026-05', sha256: 'a'.repeat(64) });
    assert.equal(forged.status, 400);
    assert.match(forged.body.message, /sha256/);
    const canonical = await paris.post('/api/authority/texts', {
      ...CAUTION,
      language: 'PT-br',
      version: '1',
      title: 'Os seus direitos',
      body: 'Texto aprovado.',
    });
    assert.equal(canonical.status, 201, canonical.text);
    assert.equal(canonical.body.language, 'pt-BR');
  });

  it('names the field at fault', async () => {
    const cases: [object, string][] = [
      [{ textId: 'miranda-warning' }, 'textId'],
      [{ language: 'xx-Latn-QQ' }, 'language'],
      [{ language: 'not a language' }, 'language'],
      [{ version: '' }, 'version'],
      [{ version: 'v'.repeat(33) }, 'version'],
      [{ version: '<script>' }, 'version'],
      [{ title: '   ' }, 'title'],
      [{ body: 'x'.repeat(20_001) }, 'body'],
      [{ body: 'a\u0007b' }, 'body'],
      [{ approvedBy: undefined }, 'approvedBy'],
    ];
    for (const [change, field] of cases) {
      const response = await paris.post('/api/authority/texts', { ...CAUTION, version: '2099-01', ...change });
      assert.equal(response.status, 400, `${field}: ${response.text}`);
      assert.equal(response.body.code, 'invalid_input');
      assert.equal(response.body.field, field, response.text);
      assert.match(response.body.message, new RegExp(`"${field}"`));
    }
    assert.equal((await paris.get('/api/authority/texts')).body.history.filter((t: { version: string }) => t.version === '2099-01').length, 0);
  });

  it('refuses a version label already approved, and the words already in force, without changing anything', async () => {
    const again = await paris.post('/api/authority/texts', { ...CAUTION, body: 'Une autre rédaction.' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'text_version_exists');
    assert.equal(again.body.field, 'version');
    assert.match(again.body.message, /2026-04.*never changed/);
    const same = await paris.post('/api/authority/texts', { ...CAUTION, version: '2026-06' });
    assert.equal(same.status, 409);
    assert.equal(same.body.code, 'text_unchanged');
    const fr = (await server.store.authorityTexts.history(sites.paris.authorityId)).filter((t) => t.language === 'fr');
    assert.deepEqual(
      fr.map((t) => [t.version, t.body]),
      [['2026-04', CAUTION.body]],
    );
  });

  it('another authority’s coordinator sees none of these texts, cannot read one by its hash, and cannot name an authority', async () => {
    const listed = await montreal.get('/api/authority/texts');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.current, []);
    assert.deepEqual(listed.body.history, []);
    assert.ok(listed.body.inForce.every((t: { source: string }) => t.source === 'model'));
    const sha256 = textHash(CAUTION.title, CAUTION.body);
    assert.equal((await paris.get(`/api/authority/texts/${sha256}`)).body.version, '2026-04');
    const foreign = await montreal.get(`/api/authority/texts/${sha256}`);
    assert.equal(foreign.status, 404);
    const named = await montreal.get(`/api/authority/texts?authorityId=${sites.paris.authorityId}`);
    assert.equal(named.status, 400);
    assert.match(named.body.message, /authorityId/);
    // What Montréal loads is Montréal's, even under the same label.
    const own = await montreal.post('/api/authority/texts', { ...CAUTION, body: 'Texte approuvé à Montréal.' });
    assert.equal(own.status, 201, own.text);
    assert.deepEqual(
      (await server.store.authorityTexts.current(sites.montreal.authorityId)).map((t) => t.body),
      ['Texte approuvé à Montréal.'],
    );
    assert.deepEqual((await server.store.authorityTexts.current(sites.paris.authorityId)).find((t) => t.language === 'fr')?.body, CAUTION.body);
  });

  it('a model text is read by its hash too, and the routes are in the OpenAPI document', async () => {
    const model = MODEL_TEXT_BOOK.text('oath', 'de')!;
    const read = await paris.get(`/api/authority/texts/${model.sha256}`);
    assert.equal(read.body.source, 'model');
    assert.equal(read.body.body, model.body);
    assert.equal((await paris.get('/api/authority/texts/not-a-hash')).body.field, 'sha256');
    const document = (await fetch(`${server.url}/api/openapi.json`).then((r) => r.json())) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    };
    assert.ok(document.paths['/api/authority/texts']?.get);
    assert.ok(document.paths['/api/authority/texts/{sha256}']?.get);
    const schema = document.paths['/api/authority/texts']!.post!.requestBody!.content['application/json']!.schema;
    assert.deepEqual(Object.keys(schema.properties).sort(), ['approvedBy', 'body', 'language', 'textId', 'title', 'version']);
  });
});
