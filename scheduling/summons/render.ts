/**
 * Renders a summons with its rights notice as a standalone HTML document in the person's language,
 * right-to-left where the language is written so, with a lead-time warning for the coordinator when the
 * hearing is closer than the authority's rule allows.
 */
import { DateTime } from 'luxon';
import type { Capacity } from '../roles.js';
import { templateFor, type SummonsTemplate } from './templates.js';

export interface SummonsInput {
  language: string;
  person: { name: string; capacity: Capacity };
  caseReference: string;
  court: string;
  requestedAuthority: string;
  venue: string;
  legalBasis: { instrument: string; article: string };
  conductedBy: { name: string; function: string }[];
  start: string;
  personZone: string;
  courtZone: string;
  /** The summoning authority's rule (its law), and when the summons is issued. */
  minLeadDays: number;
  issuedAt: string;
}

export interface Summons {
  language: string;
  templateVersion: string;
  direction: 'ltr' | 'rtl';
  html: string;
  /** For the coordinator, in English; never printed on the summons itself. */
  warnings: string[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? escape(values[key]!) : whole));
}

export function leadTimeWarning(start: string, issuedAt: string, minLeadDays: number): string | null {
  const days = (Date.parse(start) - Date.parse(issuedAt)) / 86_400_000;
  if (days >= minLeadDays) return null;
  return `The hearing is ${Math.max(0, Math.floor(days))} day(s) away, less than the ${minLeadDays} days the authority's rule requires between summons and hearing: the person may not have time to prepare their defence or find a lawyer. Consider another date, or record why the short notice is justified.`;
}

export function renderSummons(input: SummonsInput): Summons {
  const template: SummonsTemplate | undefined = templateFor(input.language);
  const warnings: string[] = [];
  const t = template ?? templateFor('en')!;
  if (!template) warnings.push(`There is no summons template in "${input.language}"; the English one was used. Have it translated before it is served.`);
  const lead = leadTimeWarning(input.start, input.issuedAt, input.minLeadDays);
  if (lead) warnings.push(lead);

  const local = DateTime.fromISO(input.start, { zone: 'utc' }).setZone(input.personZone).setLocale(t.locale);
  const court = DateTime.fromISO(input.start, { zone: 'utc' }).setZone(input.courtZone).setLocale(t.locale);
  const values: Record<string, string> = {
    person: input.person.name,
    capacity: t.capacities[input.person.capacity],
    caseReference: input.caseReference,
    court: input.court,
    requestedAuthority: input.requestedAuthority,
    venue: input.venue,
    instrument: input.legalBasis.instrument,
    article: input.legalBasis.article,
    localDate: local.toLocaleString(DateTime.DATE_HUGE),
    localTime: local.toFormat('HH:mm'),
    localZone: input.personZone,
    courtDate: court.toLocaleString(DateTime.DATE_HUGE),
    courtTime: court.toFormat('HH:mm'),
    courtZone: input.courtZone,
    version: t.version,
  };
  const accused = input.person.capacity === 'accused' || input.person.capacity === 'person_sought';
  const rights = [...t.rightsForAll, ...(accused ? t.rightsAccused : t.rightsWitness)];
  const section = (heading: string, body: string) => `<section><h2>${escape(heading)}</h2>${body}</section>`;
  const html = [
    '<!doctype html>',
    `<html lang="${t.language}" dir="${t.direction}">`,
    `<head><meta charset="utf-8"><title>${escape(t.title)} – ${escape(input.caseReference)}</title><link rel="stylesheet" href="/assets/styles.css"></head>`,
    `<body class="summons"><main>`,
    `<h1>${escape(t.title)}</h1>`,
    `<p>${fill(t.intro, values)}</p>`,
    section(t.whenHeading, `<p>${fill(t.when, values)}</p>`),
    section(t.whereHeading, `<p>${fill(t.where, values)}</p>`),
    section(t.legalBasisHeading, `<p>${fill(t.legalBasis, values)}</p>`),
    section(t.conductedByHeading, `<ul>${input.conductedBy.map((p) => `<li>${escape(p.name)} – ${escape(p.function)}</li>`).join('')}</ul>`),
    section(t.rightsHeading, `<ul>${rights.map((r) => `<li>${fill(r, values)}</li>`).join('')}</ul>`),
    `<p class="template-version">${fill(t.closing, values)}</p>`,
    '</main></body></html>',
  ].join('\n');
  return { language: t.language, templateVersion: t.version, direction: t.direction, html, warnings };
}
