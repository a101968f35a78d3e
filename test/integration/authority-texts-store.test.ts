/**
 * An authority's approved texts as the store keeps them, on SQLite and on PostgreSQL: a version once
 * approved is never changed or removed, the version in force is the one approved last, a superseded
 * version is still found by the hash a record names, and one authority never sees another's texts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { textHash } from '../../courtroom/index.js';
import { driverFor, openStore, TextVersionConflict, type NewAuthorityText, type Store } from '../../store/index.js';
import { postgresAvailable } from '../support/postgres.js';
import { postgresBackend, sqliteBackend } from '../support/store-backends.js';

const pgUp = await postgresAvailable();

for (const backend of [sqliteBackend, postgresBackend]) {
  describe(`approved texts on ${backend.name}`, { skip: backend === postgresBackend && !pgUp ? 'PostgreSQL not reachable' : false }, () => {
    const opened: { store: Store; cleanup(): Promise<void> }[] = [];
    after(async () => {
      for (const { store, cleanup } of opened) {
        await store.close().catch(() => undefined);
        await cleanup();
      }
    });

    /** A fresh database with two authorities, each with a coordinator. */
    async function twoCourts() {
      const db = await backend.open();
      const store = await openStore(db.url);
      opened.push({ store, cleanup: db.cleanup });
      const court = (name: string, country: string, timeZone: string) =>
        store.authorities.create({ name, country, timeZone, workingHours: [], holidays: [], bufferMinutes: 15, minLeadDays: 14 });
      const rome = await court('Tribunale di Roma', 'IT', 'Europe/Rome');
      const vienna = await court('Landesgericht Wien', 'AT', 'Europe/Vienna');
      const clerk = await store.authorities.createCoordinator({
        authorityId: rome.id,
        email: 'cancelleria@giustizia.it',
        displayName: 'Giulia Conti',
        passwordHash: 'x',
      });
      const italian = (version: string, body: string): NewAuthorityText => ({
        authorityId: rome.id,
        textId: 'rights-and-caution',
        language: 'it',
        version,
        title: 'Avvertimenti al testimone',
        body,
        approvedBy: 'Presidente del Tribunale',
        loadedBy: clerk.id,
      });
      return { store, url: db.url, rome, vienna, clerk, italian };
    }

    it('keeps a version with the hash of its exact words, who approved it and who loaded it', async () => {
      const { store, rome, clerk, italian } = await twoCourts();
      const added = await store.authorityTexts.add(italian('2026-1', 'Lei ha il diritto di non rispondere.'));
      assert.equal(added.sha256, textHash('Avvertimenti al testimone', 'Lei ha il diritto di non rispondere.'));
      assert.equal(added.source, 'authority');
      const [kept] = await store.authorityTexts.current(rome.id);
      assert.deepEqual(kept, added);
      assert.equal(kept!.approvedBy, 'Presidente del Tribunale');
      assert.equal(kept!.loadedBy, clerk.id);
      assert.equal(kept!.seq, 1);
    });

    it('the version in force is the one approved last, whatever its label; the earlier one stays in the history and is found by its hash', async () => {
      const { store, rome, italian } = await twoCourts();
      const first = await store.authorityTexts.add(italian('B', 'Prima stesura.'));
      await new Promise((resolve) => setTimeout(resolve, 5)); // approved at a later instant
      await store.authorityTexts.add(italian('A', 'Seconda stesura.'));
      await store.authorityTexts.add({ ...italian('1', 'Giuro di dire la verità.'), textId: 'oath' });
      const current = await store.authorityTexts.current(rome.id);
      assert.deepEqual(
        current.map((t) => [t.id, t.version]),
        [
          ['oath', '1'],
          ['rights-and-caution', 'A'],
        ],
      );
      const history = await store.authorityTexts.history(rome.id);
      assert.deepEqual(
        history.filter((t) => t.id === 'rights-and-caution').map((t) => [t.version, t.seq]),
        [
          ['B', 1],
          ['A', 2],
        ],
      );
      assert.deepEqual(await store.authorityTexts.byHash(rome.id, first.sha256), first, 'a superseded version is still found by the hash a record names');
      assert.deepEqual(
        (await store.authorityTexts.history(rome.id, first.createdAt)).map((t) => t.version),
        ['B'],
        'what had been approved by an instant',
      );
    });

    it('refuses a version label that exists, and words already in force, and changes nothing', async () => {
      const { store, rome, italian } = await twoCourts();
      const first = await store.authorityTexts.add(italian('2026-1', 'Testo approvato.'));
      await assert.rejects(store.authorityTexts.add(italian('2026-1', 'Un altro testo.')), (error: unknown) => {
        assert.ok(error instanceof TextVersionConflict);
        assert.equal(error.reason, 'version_exists');
        assert.deepEqual(error.existing, first);
        return true;
      });
      await assert.rejects(
        store.authorityTexts.add(italian('2026-2', 'Testo approvato.')),
        (error: unknown) => error instanceof TextVersionConflict && error.reason === 'same_words',
      );
      // The same label in another language, or for another text, is another version.
      await store.authorityTexts.add({ ...italian('2026-1', 'Texte approuvé.'), language: 'fr' });
      assert.deepEqual(
        (await store.authorityTexts.history(rome.id)).map((t) => `${t.language} ${t.version}`),
        ['fr 2026-1', 'it 2026-1'],
      );
    });

    it('the database itself refuses to change or remove an approved version', async () => {
      const { store, url, italian } = await twoCourts();
      const added = await store.authorityTexts.add(italian('2026-1', 'Testo approvato.'));
      const db = driverFor(url);
      try {
        await assert.rejects(db.run('UPDATE authority_texts SET body = ? WHERE sha256 = ?', ['Testo alterato.', added.sha256]), /never changed or removed/);
        await assert.rejects(db.run('DELETE FROM authority_texts WHERE sha256 = ?', [added.sha256]), /never changed or removed/);
        if (db.dialect === 'postgres') await assert.rejects(db.run('TRUNCATE authority_texts'), /never changed or removed/);
      } finally {
        await db.close();
      }
      assert.equal((await store.authorityTexts.byHash(added.authorityId, added.sha256))?.body, 'Testo approvato.');
    });

    it('one authority never sees another’s texts, not even by hash', async () => {
      const { store, rome, vienna, italian } = await twoCourts();
      const roman = await store.authorityTexts.add(italian('2026-1', 'Testo di Roma.'));
      assert.deepEqual(await store.authorityTexts.current(vienna.id), []);
      assert.deepEqual(await store.authorityTexts.history(vienna.id), []);
      assert.equal(await store.authorityTexts.byHash(vienna.id, roman.sha256), null);
      // Vienna may approve the same label for its own text.
      await store.authorityTexts.add({ ...italian('2026-1', 'Testo di Vienna.'), authorityId: vienna.id, loadedBy: null });
      assert.deepEqual(
        (await store.authorityTexts.current(rome.id)).map((t) => t.body),
        ['Testo di Roma.'],
      );
    });

    it('two versions loaded at once both land, one after the other', async () => {
      const { store, rome, italian } = await twoCourts();
      await Promise.all([store.authorityTexts.add(italian('x', 'Uno.')), store.authorityTexts.add(italian('y', 'Due.'))]);
      assert.deepEqual(
        (await store.authorityTexts.history(rome.id)).map((t) => t.seq),
        [1, 2],
      );
    });
  });
}
