/**
 * Renders a summons with its rights notice as a standalone HTML document in the person's language,
 * right-to-left where the language is written so, with the time in her zone and the court's. Until
 * the time is agreed it is a draft, and says so on its face: a banner in her language and in English,
 * a watermark, and proposed times instead of a time. Warnings for the coordinator (a short lead time,
 * a draft, a language without texts) are returned beside it and never printed on it.
 */
import type { Capacity } from '../../model/roles.js';
import { ROLE_LABELS } from '../../model/roles.js';
import type { TimeWindow } from '../request.js';
import { FALLBACK_NOTICES, escapeHtml, fallbackWarning, lettersFor, type Letters } from './letters.js';
import { SUMMONS_STYLE } from './style.js';
import { en } from './texts/en.js';
import { timeLines, type Place } from './when.js';
import { said, type Said } from '../errors.js';

/** The time a summons gives: the agreed one, or until then what is proposed (one side's slot, or the request's windows). */
export type SummonsTime = { agreed: TimeWindow } | { proposed: { kind: 'slot' | 'windows'; windows: TimeWindow[] } };

export interface SummonsInput {
  /** The person's language, any BCP 47 tag. */
  language: string;
  person: { name: string; capacity: Capacity; timeZone: string };
  caseReference: string;
  /** The requesting court, whose time the summons gives beside hers. */
  court: Place;
  requestedAuthority: Place;
  venue: string;
  legalBasis: { instrument: string; article: string };
  conductedBy: { name: string; function: string }[];
  time: SummonsTime;
  /** The summoning authority's rule (its law), and when the summons is issued. */
  minLeadDays: number;
  issuedAt: string;
}

export interface Summons {
  /** The language it is written in; `requested` is the person's own. */
  language: string;
  requested: string;
  /** True when the person's language has no texts and the summons is in English, saying so. */
  fallback: boolean;
  /** True until the time is agreed: the summons is marked as a draft and gives no time. */
  draft: boolean;
  templateVersion: string;
  direction: 'ltr' | 'rtl';
  html: string;
  /** For the coordinator, in English; never printed on the summons itself. */
  /** What the coordinator should know before serving it, in her words once the API writes them. */
  warnings: Said[];
}

export function leadTimeWarning(start: string, issuedAt: string, minLeadDays: number): Said | null {
  const days = (Date.parse(start) - Date.parse(issuedAt)) / 86_400_000;
  if (days >= minLeadDays) return null;
  return said('api.shortNotice', { days: Math.max(0, Math.floor(days)), minimum: minLeadDays });
}

const FUNCTION_OF_LABEL = new Map<string, string>(Object.entries(ROLE_LABELS).map(([role, label]) => [label, role]));

/** A conducting person's function in the reader's language, where it is one the court knows; else as the coordinator wrote it. */
function functionHtml(letters: Letters, label: string): string {
  const role = FUNCTION_OF_LABEL.get(label);
  return role ? letters.html('function', { function: role }) : `<bdi>${escapeHtml(label)}</bdi>`;
}

function timesHtml(letters: Letters, window: TimeWindow, input: SummonsInput): string {
  const lines = timeLines(letters, window, input.person.timeZone, input.court, input.requestedAuthority);
  return `<dl class="times">${lines.map((line) => `<div><dt>${letters.html(...line.label)}</dt><dd>${line.lines.map((l) => `<span>${escapeHtml(l)}</span>`).join(' ')}</dd></div>`).join('')}</dl>`;
}

function whenSection(letters: Letters, input: SummonsInput): string {
  if ('agreed' in input.time) return `<section class="when"><h2>${letters.html('when.heading')}</h2>${timesHtml(letters, input.time.agreed, input)}</section>`;
  const { kind, windows } = input.time.proposed;
  return [
    `<section class="when"><h2>${letters.html('when.proposedHeading')}</h2>`,
    `<p class="not-agreed">${letters.html('when.proposed', { kind, count: windows.length })}</p>`,
    `<ol class="proposals">${windows.map((w) => `<li>${timesHtml(letters, w, input)}</li>`).join('')}</ol>`,
    '</section>',
  ].join('');
}

function draftBanner(letters: Letters): string {
  const english = letters.language === 'en' ? '' : `<p class="mark-en" lang="en" dir="ltr">${escapeHtml(en.messages['document.draftMark'])}</p>`;
  return `<div class="draft-banner" role="note"><p class="mark">${letters.html('document.draftMark')}</p>${english}<p>${letters.html('document.draftExplanation')}</p></div>`;
}

/** The draft word across the page, hers above the English one, each on a line of its own so that both fit a phone. */
function watermark(letters: Letters): string {
  const words = letters.language === 'en' ? [en.messages['document.draftWord']] : [letters.t('document.draftWord'), en.messages['document.draftWord']];
  return `<div class="watermark" aria-hidden="true"><p>${words.map((w) => `<span>${escapeHtml(w)}</span>`).join('')}</p></div>`;
}

export function renderSummons(input: SummonsInput): Summons {
  const letters = lettersFor(input.language);
  const draft = !('agreed' in input.time);
  const warnings: Said[] = [];
  const fallback = fallbackWarning(letters, 'summons');
  if (fallback) warnings.push(fallback);
  if (draft) warnings.push(said('api.summonsDraft'));
  const start = 'agreed' in input.time ? input.time.agreed.start : input.time.proposed.windows[0]?.start;
  const lead = start ? leadTimeWarning(start, input.issuedAt, input.minLeadDays) : null;
  if (lead) warnings.push(lead);

  const t = (key: Parameters<Letters['html']>[0], values?: Parameters<Letters['html']>[1]) => letters.html(key, values);
  const values = { requestedAuthority: input.requestedAuthority.name };
  const accused = input.person.capacity === 'accused' || input.person.capacity === 'person_sought';
  const rights = [
    t('rights.interpreter'),
    t('rights.officer', values),
    t('rights.test'),
    ...(accused ? [t('rights.silence'), t('rights.lawyer'), t('rights.consent')] : [t('rights.refuseEvidence')]),
  ];
  const section = (heading: string, body: string) => `<section><h2>${heading}</h2>${body}</section>`;
  const title = `${draft ? `${letters.t('document.draftWord')} – ` : ''}${letters.t('summons.title')} – ${input.caseReference}`;
  const html = [
    '<!doctype html>',
    `<html lang="${letters.language}" dir="${letters.dir}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${SUMMONS_STYLE}</style></head>`,
    `<body class="summons${draft ? ' draft' : ''}">`,
    draft ? watermark(letters) : '',
    '<main>',
    draft ? draftBanner(letters) : '',
    letters.fallback ? `<div class="fallback-notice" role="note"><p>${escapeHtml(FALLBACK_NOTICES.summons(letters.requestedLanguageName()))}</p></div>` : '',
    `<h1>${t('summons.title')}</h1>`,
    `<p>${t('summons.intro', { person: input.person.name, capacity: input.person.capacity, caseReference: input.caseReference, court: input.court.name })}</p>`,
    whenSection(letters, input),
    section(t('summons.whereHeading'), `<p>${t('summons.where', { venue: input.venue, ...values })}</p><p>${t('summons.bring')}</p>`),
    section(t('summons.legalBasisHeading'), `<p>${t('summons.legalBasis', input.legalBasis)}</p>`),
    section(
      t('summons.conductedByHeading'),
      `<ul>${input.conductedBy.map((p) => `<li><bdi>${escapeHtml(p.name)}</bdi> – ${functionHtml(letters, p.function)}</li>`).join('')}</ul>`,
    ),
    section(t('summons.rightsHeading'), `<ul>${rights.map((r) => `<li>${r}</li>`).join('')}</ul>`),
    `<p class="template-version">${t('summons.closing', { version: letters.version })}</p>`,
    '</main></body></html>',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    language: letters.language,
    requested: letters.requested,
    fallback: letters.fallback,
    draft,
    templateVersion: letters.version,
    direction: letters.dir,
    html,
    warnings,
  };
}
