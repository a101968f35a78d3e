/**
 * Every page speaks every catalogue's language completely: no key missing, none left over that no
 * page uses, every message valid ICU MessageFormat with exactly the placeholders of the English one
 * (a translated placeholder would print "{nom}" to a frightened witness), and the model texts of the
 * rights, consent, oath and affirmation present in every language with their wording intact.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { MODEL_TEXT_BOOK, MODEL_TEXT_LANGUAGES, TEXT_IDS } from '../../courtroom/index.js';
import { CATALOGUE_LANGUAGES, chooseCatalogue, directionOf, loadCatalogue, translatorFor } from '../../language/index.js';
import { en } from '../../language/catalogues/en.js';
import { MINUTES_CATALOGUES } from '../../record/minutes-words.js';
import { en as minutesEn } from '../../record/minutes-words/en.js';
import { placeholders } from '../support/icu.js';

/** The source files that show messages: the pages and the server modules that write documents. */
function sources(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'catalogues' && name !== 'minutes-words' && name !== 'node_modules' && name !== 'dist') sources(path, found);
    } else if (name.endsWith('.ts')) found.push(path);
  }
  return found;
}

/** A catalogue has the reference's keys and no other, each a valid ICU message taking the reference's placeholders. */
function assertSameMessages(language: string, catalogue: Readonly<Record<string, string>>, reference: Readonly<Record<string, string>>): void {
  const keys = Object.keys(reference).sort();
  assert.deepEqual(Object.keys(catalogue).sort(), keys, `${language} has other keys than en`);
  for (const key of keys) {
    const message = catalogue[key]!;
    assert.ok(message.trim().length > 0, `${language} ${key} is empty`);
    let parsed: MessageFormatElement[];
    try {
      parsed = parse(message);
    } catch (error) {
      throw new Error(`${language} ${key} is not valid ICU MessageFormat: ${(error as Error).message}`);
    }
    assert.deepEqual([...placeholders(parsed)].sort(), [...placeholders(parse(reference[key]!))].sort(), `${language} ${key} has other placeholders than en`);
  }
}

describe('message catalogues', () => {
  const keys = Object.keys(en).sort();

  for (const language of CATALOGUE_LANGUAGES) {
    it(`${language}: every key, no other, each with the English placeholders`, async () => {
      assertSameMessages(language, (await loadCatalogue(language)) as Record<string, string>, en);
    });
  }

  it('every key is used by a page or a document, so no catalogue carries dead text', () => {
    const code = ['web/src', 'server', 'signaling', 'courtroom', 'record', 'scheduling', 'language']
      .flatMap((dir) => sources(dir))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const pages = readdirSync('web')
      .filter((name) => name.endsWith('.html'))
      .map((name) => readFileSync(join('web', name), 'utf8'))
      .join('\n');
    const unused = keys.filter(
      (key) => !code.includes(`'${key}'`) && !pages.includes(`"${key}"`) && !pages.includes(`=${key}"`) && !pages.includes(`=${key};`),
    );
    assert.deepEqual(unused, [], 'keys no source file names');
  });

  it('a value is put in its place in every language, never left as a placeholder', async () => {
    for (const language of CATALOGUE_LANGUAGES) {
      const t = await translatorFor(language);
      const text = t.t('picker.channel', { language: 'X-LANGUAGE' });
      assert.match(text, /X-LANGUAGE/, `${language}: the value is in the message`);
      assert.doesNotMatch(text, /[{}]/, `${language}: no placeholder is left`);
    }
  });
});

describe('the words of the minutes', () => {
  const keys = Object.keys(minutesEn).sort();

  it('exist in every language of the pages', () => {
    assert.deepEqual(Object.keys(MINUTES_CATALOGUES).sort(), [...CATALOGUE_LANGUAGES].sort());
  });

  for (const language of CATALOGUE_LANGUAGES) {
    it(`${language}: every key, no other, each valid and with the English placeholders`, () => {
      assertSameMessages(language, MINUTES_CATALOGUES[language], minutesEn);
    });
  }

  it('are each used by the minutes, so no catalogue carries dead text', () => {
    const code = sources('record')
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // A code of the record put in words by `phrase('pause', cause)`, or a key built as `html.gate.${gate}`.
    const built = (key: string) => {
      const prefix = key.slice(0, key.lastIndexOf('.'));
      return code.includes(`phrase('${prefix}'`) || code.includes(`\`${prefix}.\${`);
    };
    assert.deepEqual(
      keys.filter((key) => !code.includes(`'${key}'`) && !built(key)),
      [],
      'keys no source file names',
    );
  });
});

describe('a person’s language', () => {
  it('is served by its catalogue whatever the region; a language without one falls back, said as such', async () => {
    assert.equal(chooseCatalogue('pt-BR'), 'pt');
    assert.equal(chooseCatalogue('zh-CN'), 'zh');
    assert.equal(chooseCatalogue('zh-Hant', ['en']), 'en', 'a reader of traditional script is not given simplified');
    const polish = await translatorFor('pl', ['en']);
    assert.equal(polish.language, 'en');
    assert.equal(polish.fallback, true);
    const italian = await translatorFor('it', ['en']);
    assert.equal(italian.fallback, false);
    assert.equal(italian.t('controls.leave'), 'Esci');
  });

  it('is written right to left where its script is', () => {
    assert.equal(directionOf('ar'), 'rtl');
    assert.equal(directionOf('fa-IR'), 'rtl');
    assert.equal(directionOf('he'), 'rtl');
    assert.equal(directionOf('az-Arab'), 'rtl');
    assert.equal(directionOf('it'), 'ltr');
    assert.equal(directionOf('zh'), 'ltr');
  });
});

describe('model texts of rights, consent, oath and affirmation', () => {
  it('exist in every catalogue language, marked as model texts, with distinct wording in each', () => {
    assert.deepEqual([...MODEL_TEXT_LANGUAGES].sort(), [...CATALOGUE_LANGUAGES].sort());
    for (const id of TEXT_IDS) {
      const hashes = new Set<string>();
      for (const language of MODEL_TEXT_LANGUAGES) {
        const text = MODEL_TEXT_BOOK.text(id, language);
        assert.ok(text, `${id} in ${language}`);
        assert.equal(text.source, 'model');
        assert.ok(text.title.length > 3 && text.body.length > 60, `${id} in ${language} has a title and a body`);
        hashes.add(text.sha256);
      }
      assert.equal(hashes.size, MODEL_TEXT_LANGUAGES.length, `${id}: each language has its own words`);
    }
  });

  it('keep the exact words earlier records name: the rights and consent hashes of 2026-11 still resolve', () => {
    // The SHA-256 of the rights notice in each language as hearings recorded it under version 2026-11.1.
    const recorded = {
      en: 'aa1b06b82431ac271d0d36e6c74e8b48956f190f4a78ac92a25b931492deb053',
      fr: '9fa9d644ee207690ddbdf875aa50efe79bca0092845d2565002aea362badb7c9',
      de: 'e11384f19f640486d506c22876da7c293ae6184802b378cc2f52561e9b7af62b',
      es: '5d97219800ed53cb2e0ec5ce7c978c87e21616727f7c834ba67707405227ea39',
      ar: '46db23fc9c1706380f84a66696a81dc8dd47bc72b00a3c0f32b4b499e5ee0a51',
    };
    for (const [language, sha256] of Object.entries(recorded)) {
      assert.equal(MODEL_TEXT_BOOK.byHash(sha256)?.language, language, `the ${language} notice a record names is still found by its hash`);
    }
    assert.equal(MODEL_TEXT_BOOK.text('rights-and-caution', 'pl'), null, 'no Polish model text');
    assert.equal(MODEL_TEXT_BOOK.text('rights-and-caution', 'pt-BR')?.language, 'pt', 'a Brazilian reads the Portuguese text');
  });
});
