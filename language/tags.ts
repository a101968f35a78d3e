/**
 * A person's language as a BCP 47 tag, checked against the IANA Language Subtag Registry (every
 * ISO 639 language, script, region and variant it lists), and written in its canonical form
 * (`pt-br` → `pt-BR`, `iw` → `he`). Server-side only: the registry is about 120 KB of subtags that
 * no page needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse, stringify } from 'bcp-47';
import { z } from 'zod';

const Subtags = z.record(z.string(), z.number());

interface Registry {
  language: Set<string>;
  extlang: Set<string>;
  script: Set<string>;
  region: Set<string>;
  variant: Set<string>;
}

let registry: Registry | null = null;

function load(): Registry {
  if (registry) return registry;
  const require = createRequire(import.meta.url);
  const read = (name: string) =>
    new Set(Object.keys(Subtags.parse(JSON.parse(readFileSync(require.resolve(`language-subtag-registry/data/json/${name}.json`), 'utf8')))));
  registry = { language: read('language'), extlang: read('extlang'), script: read('script'), region: read('region'), variant: read('variant') };
  return registry;
}

/** Why a tag is not a language a person can speak, or null when it is one. */
export function languageTagProblem(tag: string): string | null {
  const parsed = parse(tag);
  if (!parsed.language) return 'is not a BCP 47 language tag (such as it, pt-BR or zh-Hant)';
  if (parsed.privateuse.length > 0 || parsed.irregular || parsed.regular) return 'must name a language, not a private or grandfathered tag';
  const r = load();
  const language = parsed.language.toLowerCase();
  if (!r.language.has(language)) return `names no language in the IANA registry ("${parsed.language}")`;
  if (parsed.extendedLanguageSubtags.some((e) => !r.extlang.has(e.toLowerCase()))) return 'has an unknown extended language subtag';
  if (parsed.script && !r.script.has(parsed.script.toLowerCase())) return `has an unknown script ("${parsed.script}")`;
  if (parsed.region && !r.region.has(parsed.region.toLowerCase())) return `has an unknown region ("${parsed.region}")`;
  if (parsed.variants.some((v) => !r.variant.has(v.toLowerCase()))) return 'has an unknown variant';
  return null;
}

/** The tag as it is stored and compared: canonical case, deprecated subtags replaced. */
export function canonicalLanguageTag(tag: string): string {
  // bcp-47 replaces grandfathered tags by their preferred value (i-klingon → tlh); Intl does the rest.
  const normalised = stringify(parse(tag));
  try {
    return Intl.getCanonicalLocales(normalised)[0] ?? normalised;
  } catch {
    return normalised;
  }
}

/** A language tag from outside, checked and made canonical; the message names what is wrong. */
export const LanguageTag = z
  .string()
  .min(2)
  .max(35)
  .superRefine((tag, ctx) => {
    const problem = languageTagProblem(tag);
    if (problem) ctx.addIssue({ code: 'custom', message: `must be a language tag: "${tag}" ${problem}` });
  })
  .transform(canonicalLanguageTag);

let signLanguages: Set<string> | null = null;

/**
 * Whether the language is a sign language: the registry lists every sign language as an extended
 * language subtag of `sgn` (`ase`, American Sign Language; `gsg`, German; `lsp`…); a tag may name it
 * alone (`ase`) or under `sgn` (`sgn-ase`).
 */
export function isSignLanguage(tag: string): boolean {
  if (!signLanguages) {
    const require = createRequire(import.meta.url);
    const Entry = z.object({ Type: z.string(), Subtag: z.string().optional(), Prefix: z.array(z.string()).optional() });
    const entries = z.array(Entry.loose()).parse(JSON.parse(readFileSync(require.resolve('language-subtag-registry/data/json/registry.json'), 'utf8')));
    signLanguages = new Set(entries.filter((e) => e.Type === 'extlang' && e.Prefix?.includes('sgn') && e.Subtag).map((e) => e.Subtag!.toLowerCase()));
  }
  const parsed = parse(tag);
  const language = parsed.language?.toLowerCase() ?? '';
  return language === 'sgn' || signLanguages.has(language) || parsed.extendedLanguageSubtags.some((e) => signLanguages!.has(e.toLowerCase()));
}
