/**
 * The letters a person receives, in each of the nine languages and in one without texts: the summons
 * with its rights notice, a draft until the time is agreed, and the invitation message and calendar
 * words. Each speaks her language with its real words, right to left in Arabic, gives the time in her
 * zone and the court's across a daylight-saving change, and leaves no placeholder behind.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOGUE_LANGUAGES, type CatalogueLanguage } from '../../language/index.js';
import {
  invitationMessage,
  renderSummons,
  sayIn,
  summonsStanding,
  type InvitationMessageInput,
  type SummonsInput,
  type SummonsTime,
  REQUEST_STAGES,
} from '../../scheduling/index.js';

/** Words only a reader of each language would find in her summons and in her invitation. */
const WORDS: Record<CatalogueLanguage, { summons: RegExp; witness: RegExp; draft: RegExp; invitation: RegExp; cancelled: RegExp }> = {
  en: {
    summons: /Summons to a hearing/,
    witness: /as a witness/,
    draft: /Draft — not valid as a summons/,
    invitation: /Hearing by video on/,
    cancelled: /has been cancelled/,
  },
  fr: {
    summons: /Convocation à une audition/,
    witness: /en qualité de témoin/,
    draft: /Projet — sans valeur de convocation/,
    invitation: /Audience par visioconférence le/,
    cancelled: /est annulée/,
  },
  es: {
    summons: /Citación a una declaración/,
    witness: /en calidad de testigo/,
    draft: /Borrador — sin validez/,
    invitation: /Audiencia por videoconferencia el/,
    cancelled: /ha sido anulada/,
  },
  de: {
    summons: /Ladung zu einer Vernehmung/,
    witness: /als Zeuge\/Zeugin/,
    draft: /Entwurf — keine gültige Ladung/,
    invitation: /Verhandlung per Videokonferenz am/,
    cancelled: /wurde abgesagt/,
  },
  ar: {
    summons: /استدعاء لجلسة استماع/,
    witness: /بصفتك شاهدًا/,
    draft: /مسودة — لا تُعدّ استدعاءً/,
    invitation: /جلسة عبر الاتصال المرئي بتاريخ/,
    cancelled: /أُلغيت هذه الجلسة/,
  },
  it: {
    summons: /Citazione per un’audizione/,
    witness: /in qualità di testimone/,
    draft: /Bozza — non vale come citazione/,
    invitation: /Udienza in videoconferenza del/,
    cancelled: /è stata annullata/,
  },
  pt: {
    summons: /Notificação para audição/,
    witness: /na qualidade de testemunha/,
    draft: /Minuta — não vale como notificação/,
    invitation: /Audiência por videoconferência em/,
    cancelled: /foi cancelada/,
  },
  ru: {
    summons: /Повестка о вызове на допрос/,
    witness: /в качестве свидетеля/,
    draft: /Проект — не имеет силы повестки/,
    invitation: /Заседание посредством видеоконференц-связи/,
    cancelled: /заседание отменено/,
  },
  zh: {
    summons: /视频询问传唤通知书/,
    witness: /以证人身份/,
    draft: /草稿——在时间商定之前不具有传唤效力/,
    invitation: /视频庭审/,
    cancelled: /本次庭审已取消/,
  },
};

// 28 March 2027 the clocks go forward in Berlin and Rome; São Paulo keeps UTC−3 all year.
const BEFORE_DST = { start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T10:30:00.000Z' };
const AFTER_DST = { start: '2027-03-29T08:00:00.000Z', end: '2027-03-29T09:30:00.000Z' };

function summons(language: string, time: SummonsTime = { agreed: AFTER_DST }, overrides: Partial<SummonsInput> = {}) {
  return renderSummons({
    language,
    person: { name: 'Giulia <Rossi>', capacity: 'witness', timeZone: 'America/Sao_Paulo' },
    caseReference: 'BER-2027-17',
    court: { name: 'Amtsgericht Berlin-Tiergarten', zone: 'Europe/Berlin' },
    requestedAuthority: { name: 'Tribunal de Justiça de São Paulo', zone: 'America/Sao_Paulo' },
    venue: 'Sala 5',
    legalBasis: { instrument: 'Directive 2014/41/EU', article: 'Art. 24' },
    conductedBy: [{ name: 'Anne Leroy', function: 'Presiding judge' }],
    time,
    minLeadDays: 14,
    issuedAt: '2027-01-05T00:00:00.000Z',
    ...overrides,
  });
}

function invitation(language: string, overrides: Partial<InvitationMessageInput> = {}) {
  return invitationMessage({
    language,
    recipient: { name: 'Giulia Rossi', role: 'person_heard', capacity: 'witness', timeZone: 'Europe/Rome' },
    caseReference: 'BER-2027-17',
    title: 'Vernehmung einer Zeugin',
    court: { name: 'Amtsgericht Berlin-Tiergarten', zone: 'Europe/Berlin' },
    requestedAuthority: { name: 'Tribunale di Roma', zone: 'Europe/Rome' },
    slot: AFTER_DST,
    cancelled: false,
    joinUrl: 'https://court.example/join/h#token=t',
    contact: { name: 'Klara Weiß', email: 'k.weiss@ag-berlin.example' },
    ...overrides,
  });
}

/** What a reader sees: the text of the page, without markup or stylesheet. */
const visible = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const withoutStyle = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '');

/** Each labelled time of a summons: [label, when], the date and the hours of `when` parted by " / " as the page breaks them. */
const times = (html: string) =>
  [...html.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)].map(
    (m) => [visible(m[1]!), [...m[2]!.matchAll(/<span>(.*?)<\/span>/g)].map((span) => span[1]).join(' / ')] as const,
  );

function assertNoPlaceholder(text: string, where: string): void {
  assert.doesNotMatch(text, /[{}]/, `${where}: a placeholder is left`);
  assert.doesNotMatch(text, /[\uE000\uE001]/, `${where}: a value marker is left`);
}

describe('the summons in every language', () => {
  for (const language of CATALOGUE_LANGUAGES) {
    it(`${language}: written in ${language} with its own words, its direction, and no placeholder left`, () => {
      const s = summons(language);
      assert.equal(s.language, language);
      assert.equal(s.fallback, false);
      assert.equal(s.draft, false);
      assert.equal(s.templateVersion, `${language}-2026.4`);
      assert.equal(s.direction, language === 'ar' ? 'rtl' : 'ltr');
      assert.match(s.html, new RegExp(`<html lang="${language}" dir="${s.direction}">`));
      const text = visible(s.html);
      assert.match(text, WORDS[language].summons);
      assert.match(text, WORDS[language].witness);
      assert.match(text, /Giulia <Rossi>/);
      assert.match(s.html, /<bdi>Giulia &lt;Rossi&gt;<\/bdi>/, 'names are escaped and isolated');
      assert.match(text, /BER-2027-17/);
      assert.match(text, new RegExp(`${language}-2026\\.4`), 'the summons names its version');
      assertNoPlaceholder(text, language);
      assert.doesNotMatch(withoutStyle(s.html), /draft|watermark/i, 'an agreed summons carries no draft mark');
      assert.deepEqual(s.warnings, [], 'nothing to warn about: in her language, agreed, twelve weeks ahead');
    });
  }

  it('gives the time in her zone and the court’s, by Intl in her language, on either side of a daylight-saving change', () => {
    for (const [slot, berlin, saoPaulo] of [
      [BEFORE_DST, '10:00', '06:00'],
      [AFTER_DST, '10:00', '05:00'],
    ] as const) {
      for (const language of CATALOGUE_LANGUAGES) {
        const lines = times(summons(language, { agreed: slot }).html);
        assert.equal(lines.length, 2, `${language}: her time and the court’s`);
        const [hers, court] = lines;
        assert.match(hers![0], /America\/Sao_Paulo/);
        assert.match(hers![1], new RegExp(saoPaulo.replace(/^0/, '0?')), `${language}: ${slot.start} in São Paulo`);
        assert.match(court![0], /Amtsgericht Berlin-Tiergarten/);
        assert.match(court![0], /Europe\/Berlin/);
        assert.match(court![1], new RegExp(berlin), `${language}: ${slot.start} in Berlin`);
      }
    }
    const italian = times(summons('it', { agreed: AFTER_DST }).html);
    assert.equal(italian[0]![1], 'lunedì 29 marzo 2027 / 05:00–06:30');
    assert.match(italian[1]![0], /Ora legale dell’Europa centrale – Europe\/Berlin/, 'the zone’s name in force that day');
    assert.match(times(summons('it', { agreed: BEFORE_DST }).html)[1]![0], /Ora standard dell’Europa centrale – Europe\/Berlin/);
    assert.equal(times(summons('de', { agreed: AFTER_DST }).html)[1]![1], 'Montag, 29. März 2027 / 10:00–11:30 Uhr');
    const lateInBerlin = { agreed: { start: '2027-03-29T12:30:00.000Z', end: '2027-03-29T14:00:00.000Z' } };
    const overnight = times(summons('en', lateInBerlin, { person: { name: 'Li Wei', capacity: 'witness', timeZone: 'Australia/Sydney' } }).html)[0]![1];
    assert.match(overnight, /^Monday,? 29 March 2027.*23:30\s–\sTuesday,? 30 March 2027.*01:00$/, 'in Sydney it runs past midnight: both dates, one line');
    assert.match(times(summons('pt-BR').html)[0]![1], /^segunda-feira, 29 de março de 2027/, 'a Brazilian reads Portuguese with her own dates');
  });

  it('shows Rome beside Berlin, each labelled by its place, though both keep the same clock', () => {
    const rome = {
      person: { name: 'Giulia Rossi', capacity: 'witness' as const, timeZone: 'Europe/Rome' },
      requestedAuthority: { name: 'Tribunale di Roma', zone: 'Europe/Rome' },
    };
    const lines = times(summons('it', { agreed: AFTER_DST }, rome).html);
    assert.deepEqual(
      lines.map(([label]) => label.replace(/\s+/g, ' ').trim()),
      [
        'La Sua ora locale ( Ora legale dell’Europa centrale – Europe/Rome )',
        'Ora del tribunale, Amtsgericht Berlin-Tiergarten ( Ora legale dell’Europa centrale – Europe/Berlin )',
      ],
    );
  });

  it('is a draft on its face until the time is agreed: a banner in her language and in English, a watermark, proposed times instead of a time', () => {
    const windows = [
      { start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T15:00:00.000Z' },
      { start: '2027-03-29T08:00:00.000Z', end: '2027-03-29T15:00:00.000Z' },
    ];
    for (const language of CATALOGUE_LANGUAGES) {
      const draft = summons(language, { proposed: { kind: 'windows', windows } });
      assert.equal(draft.draft, true);
      const text = visible(draft.html);
      assert.match(text, WORDS[language].draft, `${language}: the draft mark in her language`);
      if (language !== 'en')
        assert.match(draft.html, /lang="en" dir="ltr">Draft — not valid as a summons until the time is agreed/, `${language}: and in English`);
      assert.match(draft.html, /<div class="watermark" aria-hidden="true"><p>(<span>[^<]+<\/span>)?<span>DRAFT<\/span><\/p><\/div>/);
      assert.match(draft.html, /<body class="summons draft">/);
      assert.equal(times(draft.html).length, 4, `${language}: two proposed periods, each at both places`);
      assert.notEqual(headingOf(draft.html, 0), headingOf(summons(language).html, 0), `${language}: proposed times, not “date and time”`);
      assertNoPlaceholder(text, `${language} draft`);
      assert.ok(
        draft.warnings.map((w) => sayIn(w)).some((w) => /draft/.test(w)),
        'the coordinator is told it cannot be served',
      );
    }
    const slot = summons('en', { proposed: { kind: 'slot', windows: [AFTER_DST] } });
    assert.match(visible(slot.html), /This time has been proposed; the other authority has not yet agreed to it\./);
    assert.match(visible(summons('en', { proposed: { kind: 'windows', windows: windows.slice(0, 1) } }).html), /within this period/);
    assert.match(visible(summons('en', { proposed: { kind: 'windows', windows } }).html), /within one of these periods/);
  });

  it('is a draft before the slot is agreed (and again while an adjourned hearing waits for its new date) and final from then on; there is none for a refused or cancelled hearing', () => {
    const at = (standing: string) => REQUEST_STAGES.filter((stage) => summonsStanding(stage) === standing);
    assert.deepEqual(at('draft'), ['draft', 'requested', 'counter_proposed', 'accepted', 'slot_proposed', 'adjourned']);
    assert.deepEqual(at('none'), ['refused', 'cancelled']);
    assert.deepEqual(at('final'), ['slot_agreed', 'test_booked', 'test_failed', 'test_passed', 'scheduled', 'held', 'closed']);
  });

  it('in a language without texts is in English, says so on its face, and warns the coordinator', () => {
    const polish = summons('pl');
    assert.equal(polish.language, 'en');
    assert.equal(polish.requested, 'pl');
    assert.equal(polish.fallback, true);
    assert.match(polish.html, /<html lang="en" dir="ltr">/);
    assert.match(
      visible(polish.html),
      /This summons is not in your language, Polish \(polski\).*A translation will be served on you, and an interpreter will assist you free of charge/,
    );
    assert.ok(polish.warnings.map((w) => sayIn(w)).some((w) => /no summons texts in Polish/.test(w)));
    const traditional = summons('zh-Hant');
    assert.equal(traditional.fallback, true, 'a reader of traditional characters is not given simplified ones');
    assert.match(visible(traditional.html), /not in your language/);
  });

  it('lists the rights of the capacity: silence, a lawyer and consent for an accused person', () => {
    const accused = visible(summons('ru', { agreed: AFTER_DST }, { person: { name: 'Иван Петров', capacity: 'accused', timeZone: 'Europe/Moscow' } }).html);
    assert.match(accused, /в качестве подозреваемого или обвиняемого/);
    assert.match(accused, /Вы вправе хранить молчание/);
    assert.match(accused, /право на помощь адвоката/);
    assert.doesNotMatch(accused, /отказаться от дачи показаний/);
  });

  it('warns about a short lead time', () => {
    const soon = summons('fr', { agreed: AFTER_DST }, { issuedAt: '2027-03-22T08:00:00.000Z' });
    assert.equal(soon.warnings.length, 1);
    assert.match(sayIn(soon.warnings[0]!), /less than the 14 days/);
  });
});

describe('the invitation message in every language', () => {
  for (const language of CATALOGUE_LANGUAGES) {
    it(`${language}: subject and text in ${language}, both zones, the link and what to have ready; a cancellation says so`, () => {
      const m = invitation(language);
      assert.equal(m.language, language);
      assert.equal(m.fallback, false);
      assert.equal(m.version, `${language}-2026.4`);
      assert.match(m.subject, WORDS[language].invitation);
      assert.match(m.subject, /BER-2027-17/);
      assert.match(m.text, /Giulia Rossi/);
      assert.match(m.text, /Europe\/Rome[\s\S]*10:00[\s\S]*Europe\/Berlin[\s\S]*10:00/, `${language}: her zone and the court’s`);
      assert.match(m.text, /https:\/\/court\.example\/join\/h#token=t/);
      assert.match(m.text, /k\.weiss@ag-berlin\.example/);
      assert.doesNotMatch(m.text, /witness|person_heard/, `${language}: her part is named in words`);
      assertNoPlaceholder(m.subject + m.text, language);
      assert.equal(m.calendar.summary, m.subject);
      assert.ok(m.text.endsWith(`${m.calendar.description}\n`), 'the calendar says what the message says');
      assert.equal(m.calendar.location, 'https://court.example/join/h#token=t');
      if (language === 'ar') assert.match(m.subject, /القضية \u2068BER-2027-17\u2069/, 'a Latin value is isolated inside Arabic text');
      else assert.doesNotMatch(m.text, /[\u2068\u2069]/);

      const cancelled = invitation(language, { cancelled: true, joinUrl: null });
      assert.match(cancelled.text, WORDS[language].cancelled);
      assert.doesNotMatch(cancelled.text, /https:/);
      assert.notEqual(cancelled.subject, m.subject);
      assert.doesNotMatch(cancelled.calendar.location, /https:/);
      assertNoPlaceholder(cancelled.subject + cancelled.text + cancelled.calendar.location, `${language} cancelled`);
    });
  }

  it('with the new date of an adjourned hearing, says first that it continues where it stopped', () => {
    for (const language of CATALOGUE_LANGUAGES) {
      const resumed = invitation(language, { changed: true, resumed: true });
      const moved = invitation(language, { changed: true });
      assert.notEqual(resumed.subject, moved.subject, `${language}: its own subject`);
      assert.notEqual(resumed.text, moved.text);
      assertNoPlaceholder(resumed.subject + resumed.text, `${language} resumed`);
    }
    const italian = invitation('it', { changed: true, resumed: true });
    assert.match(italian.subject, /^Ripresa dell’udienza dopo il rinvio:/);
    assert.match(italian.text, /Il tribunale ha rinviato questa udienza a una nuova data\./);
    // Only a letter sent again says so: a first invitation is an invitation.
    assert.equal(invitation('it', { resumed: true }).subject, invitation('it').subject);
  });

  it('names the identity document to have ready, in the reader’s words', () => {
    assert.match(invitation('it').text, /documento di identità \(carta d’identità o passaporto\)/);
    assert.match(invitation('ar').text, /وثيقة هوية/);
    assert.match(invitation('zh').text, /身份证件/);
  });

  it('gives a judge at the court her own time and the other site’s, and names her part', () => {
    const judge = invitation('de', { recipient: { name: 'Anne Leroy', role: 'presiding_judge', capacity: null, timeZone: 'Europe/Berlin' } });
    assert.match(judge.text, /Sie nehmen teil als: Vorsitzende Richterin \/ Vorsitzender Richter\./);
    assert.match(judge.text, /Ihre Ortszeit \(Mitteleuropäische Sommerzeit – Europe\/Berlin\)\nMontag, 29\. März 2027, 10:00–11:30 Uhr/);
    assert.match(judge.text, /Ortszeit – Tribunale di Roma \(Mitteleuropäische Sommerzeit – Europe\/Rome\)/);
  });

  it('in a language without texts is in English, says so, and warns the coordinator', () => {
    const polish = invitation('pl');
    assert.equal(polish.language, 'en');
    assert.equal(polish.requested, 'pl');
    assert.equal(polish.fallback, true);
    assert.match(polish.text, /This message is not in your language, Polish \(polski\)/);
    assert.ok(polish.calendar.description.startsWith('This message is not in your language'), 'the calendar entry says so too');
    assert.ok(polish.warnings.map((w) => sayIn(w)).some((w) => /no invitation texts in Polish/.test(w)));
  });
});

function headingOf(html: string, index: number): string {
  return [...html.matchAll(/<h2>(.*?)<\/h2>/g)][index]?.[1] ?? '';
}
