/**
 * The texts of the letters — summons, rights notice, invitation — are complete in every language: the
 * English keys and no other, every message valid ICU MessageFormat with exactly the English
 * placeholders and the same choices (a translated placeholder would print "{nom}" on a summons). And
 * a version is never edited once used: each version's words are pinned here by hash, the first
 * versions' (2026.1, five languages) word for word as they were served.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUE_LANGUAGES } from '../../language/index.js';
import { LETTER_TEXTS, SUMMONS_TEMPLATES_2026_1 } from '../../scheduling/index.js';
import { placeholders } from '../support/icu.js';

const english = LETTER_TEXTS.en.messages;
const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The options each select offers, so that no language drops a capacity or a role. */
function choices(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const [option, { value }] of Object.entries(element.options)) {
        into.add(`${element.value}=${option}`);
        choices(value, into);
      }
    }
  }
  return into;
}

describe('the letters’ texts', () => {
  for (const language of CATALOGUE_LANGUAGES) {
    it(`${language}: every key, no other, each with the English placeholders and choices`, () => {
      const texts = LETTER_TEXTS[language];
      assert.equal(texts.language, language);
      assert.match(texts.version, new RegExp(`^${language}-\\d{4}\\.\\d+$`));
      assert.doesNotThrow(() => new Intl.DateTimeFormat(texts.locale), `${language}: ${texts.locale} is a locale`);
      const messages = texts.messages as Record<string, string>;
      assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort(), `${language} has other keys than en`);
      for (const [key, reference] of Object.entries(english)) {
        const message = messages[key]!;
        assert.ok(message.trim().length > 0, `${language} ${key} is empty`);
        assert.doesNotMatch(message, /'/, `${language} ${key}: a straight apostrophe quotes in ICU; write ’`);
        let parsed: MessageFormatElement[];
        try {
          parsed = parse(message);
        } catch (error) {
          throw new Error(`${language} ${key} is not valid ICU MessageFormat: ${(error as Error).message}`);
        }
        assert.deepEqual([...placeholders(parsed)].sort(), [...placeholders(parse(reference))].sort(), `${language} ${key} has other placeholders than en`);
        assert.deepEqual([...choices(parsed)].sort(), [...choices(parse(reference))].sort(), `${language} ${key} offers other choices than en`);
      }
    });
  }

  it('each language’s words differ from the others’, so none is an untranslated copy', () => {
    const titles = new Set(CATALOGUE_LANGUAGES.map((language) => LETTER_TEXTS[language].messages['summons.title']));
    assert.equal(titles.size, CATALOGUE_LANGUAGES.length);
  });

  it('keep each version’s words: a change of wording is a new version', () => {
    // As served under version 2026.1 (before the summons gave proposed times and named each zone).
    const first: Record<string, string> = {
      'en-2026.1': '0fcb0c6d7f3e5d18df7fa9c266d8276b56e1b589a6298dc18d54c37a08de0ca6',
      'fr-2026.1': 'dff6d672c47f626f79b54911b604131ac744b90d4014ab63f27998e8f5e5296e',
      'es-2026.1': 'd689789f83415c0946e130adf7017c88372b61a57f2522492e9877ce1d1eb109',
      'de-2026.1': 'cacb57e30bc062c4b2e6c1bf905515561a70a39419254938528e7334205f784a',
      'ar-2026.1': '5c95659775c436e332ce85c448da3818b880d1ad5cf1b9badb8cc57a09559616',
    };
    assert.deepEqual(Object.fromEntries(SUMMONS_TEMPLATES_2026_1.map((t) => [t.version, sha256(t)])), first);
    const current: Record<string, string> = {
      'en-2026.2': '2fe59ec6b0e760e1efdc7851f1870f8c6e04143a2a4ac096dd05ccbbc38db6eb',
      'ar-2026.2': 'bd4f44d725a36e0effbb90d10de8fc5ed2904e618d83dd9e9559204c93883b1f',
      'es-2026.2': '65daa878798c4b29ad5755134ceecca05efc3154e726908ee6660e0a252a81b6',
      'fr-2026.2': '94391616c56c076f875b32a5a790bc248f9c740daadc34efd7deca7506e4ffce',
      'ru-2026.2': 'e9262057e65f0932699be6e1e6805c4abe3eb931651d24d51be68f100721aa50',
      'zh-2026.2': '88858cce52cdf1b43d8c611ae1fb8d00c5edeb63126e8aad8c4e5891368f6b86',
      'de-2026.2': 'd712d57361137d0ad84d60beb2c1462dfd54b2d7d6dbcc7e1b3394403f433db9',
      'it-2026.2': 'ef867cf37e5c92f7b2e96123fb693017c4730f71d734312287e0e7d861c4e44e',
      'pt-2026.2': 'ec4f9f1b8e87028d70b7e28412a2278f60d9c9a44fa5ef484eaf6061ac3ebd9b',
    };
    // 2026.4 only adds the letter of an adjourned hearing's new date; 2026.3 only the e-mail's words (a
    // changed time, the summons' cover): each earlier version's words stand as they were.
    const added4 = new Set(['invitation.subjectResumed', 'invitation.resumed']);
    const added3 = new Set(['invitation.subjectChanged', 'invitation.changed', 'summons.mailSubject', 'summons.mailText']);
    const without = (messages: Record<string, string>, ...added: Set<string>[]) =>
      Object.fromEntries(Object.entries(messages).filter(([key]) => !added.some((a) => a.has(key))));
    assert.deepEqual(
      Object.fromEntries(Object.values(LETTER_TEXTS).map((t) => [t.version.replace('2026.4', '2026.2'), sha256(without(t.messages, added4, added3))])),
      current,
    );
    const version3: Record<string, string> = {
      'en-2026.3': 'a77c22142432e113cca116e7189dc49c973c8a064c401bc8d8adf702acbea04a',
      'ar-2026.3': '42d3d0d266b81188807846a991540717ab14db194efc45d757235b214f07354e',
      'es-2026.3': '2498470ee4eee286107545f7663f0c0009a5bf1958a0d6623f0a542afa7d72c1',
      'fr-2026.3': '80472c9643cc869f8cfdd6a9c62ba993313735f64a8ee3ae50922d8ef9078310',
      'ru-2026.3': 'f017c357a2e2b2bb2295ad75dfa0fca4299fb3b93d2a805286a191164f038041',
      'zh-2026.3': '4d817ce9ee8038508f3994f328c3f3eba1738aa6b5b7a735a55bdb061a3617fa',
      'de-2026.3': 'a8e1b362d581ed92e6a23d9bc4d97b0bcd45ddd95256ee2aae2e376aa86daa69',
      'it-2026.3': '5f7c42724e260a8206698417dcff18b30b316ed8568cdfb147a1b47608dcbdc3',
      'pt-2026.3': '1f8c8941b343f64ea81a0d11166a9e9c152757bd23fa002cb24526955cbece43',
    };
    assert.deepEqual(
      Object.fromEntries(Object.values(LETTER_TEXTS).map((t) => [t.version.replace('2026.4', '2026.3'), sha256(without(t.messages, added4))])),
      version3,
    );
    const latest: Record<string, string> = {
      'en-2026.4': '39e32b7b5ddba6e0193b2cb476c263b6af30cfa117a025eb95b1bc037985c9f4',
      'ar-2026.4': '3722f1f836684cf62a34a9d5c69e2dc160ac7c1aeb0c73d8fd4924ea5ffb6b64',
      'es-2026.4': 'b940920f5faf4e96cc5ad89d6cb008bc555846054f5ff615b159ab59fee367ad',
      'fr-2026.4': 'a9718f5261153f2b6bbb6aab1c6d1ff2b46ce4d05c54462dd3f873ba74e66d1f',
      'ru-2026.4': '7003bdaadcb28498679620eb306244555bd182065f49712339518042d7020363',
      'zh-2026.4': 'cd06a8c8e6590f947908ebeb631b01823b0a3432d839818b0a52f97116739448',
      'de-2026.4': 'aa171fbdf905651ad27aee7632329bee931eccdb152e096518842c5972481f35',
      'it-2026.4': '651fafe8b9d6cc6dd7c7c96e8d96665486b97dae85827345b68d001c00d16a21',
      'pt-2026.4': '25bfd5de00c56782c56ed4a2d26be265e2a0844b8db4d0a738a24783a4cf9abd',
    };
    assert.deepEqual(Object.fromEntries(Object.values(LETTER_TEXTS).map((t) => [t.version, sha256(t.messages)])), latest);
    const versions = [...SUMMONS_TEMPLATES_2026_1.map((t) => t.version), ...Object.values(LETTER_TEXTS).map((t) => t.version)];
    assert.equal(new Set(versions).size, versions.length, 'no version name is used twice');
  });
});
