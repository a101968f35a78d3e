/**
 * The choice every participant has: listen to the floor, or to a language channel with the floor
 * quietly underneath, and how loud each is. Shown in the page's language; a native <select>, range
 * inputs and a checkbox, so it is usable with the keyboard and read out by screen readers.
 */
import { h } from './dom.js';
import type { PageLanguage } from './court-texts.js';
import { languageName } from './language-names.js';
import { DEFAULT_LEVELS, type MixLevels } from './listening-mix.js';

interface PickerTexts {
  heading: string;
  listenTo: string;
  floor: string;
  channel: (language: string) => string;
  floorLevel: string;
  interpretationLevel: string;
  floorOff: string;
}

const TEXTS: Record<PageLanguage, PickerTexts> = {
  en: {
    heading: 'Interpretation',
    listenTo: 'Listen to',
    floor: 'Original (no interpretation)',
    channel: (language) => `Interpretation into ${language}`,
    floorLevel: 'Original underneath',
    interpretationLevel: 'Interpretation volume',
    floorOff: 'Original off',
  },
  fr: {
    heading: 'Interprétation',
    listenTo: 'Écouter',
    floor: 'Version originale (sans interprétation)',
    channel: (language) => `Interprétation en ${language}`,
    floorLevel: 'Original en fond',
    interpretationLevel: 'Volume de l’interprétation',
    floorOff: 'Couper l’original',
  },
  de: {
    heading: 'Dolmetschen',
    listenTo: 'Hören',
    floor: 'Originalton (ohne Verdolmetschung)',
    channel: (language) => `Verdolmetschung in ${language}`,
    floorLevel: 'Originalton im Hintergrund',
    interpretationLevel: 'Lautstärke der Verdolmetschung',
    floorOff: 'Originalton aus',
  },
  es: {
    heading: 'Interpretación',
    listenTo: 'Escuchar',
    floor: 'Original (sin interpretación)',
    channel: (language) => `Interpretación al ${language}`,
    floorLevel: 'Original de fondo',
    interpretationLevel: 'Volumen de la interpretación',
    floorOff: 'Quitar el original',
  },
  ar: {
    heading: 'الترجمة الشفوية',
    listenTo: 'الاستماع إلى',
    floor: 'الصوت الأصلي (بدون ترجمة)',
    channel: (language) => `الترجمة إلى ${language}`,
    floorLevel: 'الصوت الأصلي في الخلفية',
    interpretationLevel: 'مستوى صوت الترجمة',
    floorOff: 'إيقاف الصوت الأصلي',
  },
};

export interface PickerChoice {
  /** The channel's language, or null for the floor. */
  language: string | null;
  levels: MixLevels;
}

export class ListeningPicker {
  readonly root: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly floorLevel: HTMLInputElement;
  private readonly interpretationLevel: HTMLInputElement;
  private readonly floorOff: HTMLInputElement;
  private readonly heading: HTMLElement;
  private readonly labels: { listenTo: HTMLElement; floorLevel: HTMLElement; interpretationLevel: HTMLElement; floorOff: HTMLElement };
  private channels: string[] = [];
  private page: { lang: PageLanguage; dir: 'ltr' | 'rtl' } = { lang: 'en', dir: 'ltr' };

  constructor(private readonly changed: (choice: PickerChoice) => void) {
    this.select = h('select', { id: 'listen-language', name: 'listen' });
    this.floorLevel = h('input', { id: 'floor-level', type: 'range', min: '0', max: '100', step: '5', value: String(DEFAULT_LEVELS.floor * 100) });
    this.interpretationLevel = h('input', { id: 'interpretation-level', type: 'range', min: '0', max: '100', step: '5', value: String(DEFAULT_LEVELS.interpretation * 100) });
    this.floorOff = h('input', { id: 'floor-off', type: 'checkbox' });
    this.labels = {
      listenTo: h('span', {}),
      floorLevel: h('span', {}),
      interpretationLevel: h('span', {}),
      floorOff: h('span', {}),
    };
    this.heading = h('h2', { id: 'listening-heading', class: 'visually-hidden' });
    this.root = h(
      'section',
      { id: 'listening', class: 'listening', 'aria-labelledby': 'listening-heading' },
      this.heading,
      h('label', { class: 'listen-to' }, this.labels.listenTo, this.select),
      h('label', { class: 'level' }, this.labels.interpretationLevel, this.interpretationLevel),
      h('label', { class: 'level' }, this.labels.floorLevel, this.floorLevel),
      h('label', { class: 'check' }, this.floorOff, this.labels.floorOff),
    );
    for (const input of [this.select, this.floorLevel, this.interpretationLevel, this.floorOff]) {
      input.addEventListener(input === this.select || input === this.floorOff ? 'change' : 'input', () => this.emit());
    }
    this.render();
  }

  /** The channels the hearing has, in the page's language; keeps the current choice where it still exists. */
  update(channels: string[], page: { lang: PageLanguage; dir: 'ltr' | 'rtl' }): void {
    const same = channels.length === this.channels.length && channels.every((c, i) => c === this.channels[i]) && page.lang === this.page.lang;
    this.channels = [...channels];
    this.page = page;
    if (!same) this.render();
  }

  /** Sets the choice as if the person had made it (the person heard starts on their own language). */
  choose(language: string | null): void {
    const value = language ?? '';
    if (![...this.select.options].some((o) => o.value === value)) return;
    this.select.value = value;
    this.emit();
  }

  get language(): string | null {
    return this.select.value || null;
  }

  private emit(): void {
    this.syncEnabled();
    this.changed({
      language: this.language,
      levels: {
        floor: Number(this.floorLevel.value) / 100,
        interpretation: Number(this.interpretationLevel.value) / 100,
        floorOn: !this.floorOff.checked,
      },
    });
  }

  private render(): void {
    const texts = TEXTS[this.page.lang];
    const chosen = this.select.value;
    this.root.lang = this.page.lang;
    this.root.dir = this.page.dir;
    this.root.hidden = this.channels.length === 0;
    this.heading.textContent = texts.heading;
    this.labels.listenTo.textContent = texts.listenTo;
    this.labels.floorLevel.textContent = texts.floorLevel;
    this.labels.interpretationLevel.textContent = texts.interpretationLevel;
    this.labels.floorOff.textContent = texts.floorOff;
    this.select.replaceChildren(
      new Option(texts.floor, ''),
      ...this.channels.map((code) => new Option(texts.channel(languageName(code, this.page.lang)), code)),
    );
    this.select.value = [...this.select.options].some((o) => o.value === chosen) ? chosen : '';
    this.syncEnabled();
    // A channel that disappeared leaves the person on the floor: tell the mix.
    if (chosen !== this.select.value) this.emit();
  }

  /** The levels matter only under a channel; the floor's level only while it is on. */
  private syncEnabled(): void {
    const onChannel = this.select.value !== '';
    this.interpretationLevel.disabled = !onChannel;
    this.floorOff.disabled = !onChannel;
    this.floorLevel.disabled = !onChannel || this.floorOff.checked;
  }
}
