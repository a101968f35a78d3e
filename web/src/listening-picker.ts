/**
 * The choice every participant has: listen to the floor, or to a language channel with the floor
 * quietly underneath, and how loud each is. Shown in the page's language; a native <select>, range
 * inputs and a checkbox, so it is usable with the keyboard and read out by screen readers.
 */
import { h } from './dom.js';
import { languageDisplayName } from '../../language/index.js';
import type { PageLanguage } from './page-language.js';
import { DEFAULT_LEVELS, type MixLevels } from './listening-mix.js';

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
  private shownIn = '';

  constructor(
    private readonly words: PageLanguage,
    private readonly changed: (choice: PickerChoice) => void,
  ) {
    this.select = h('select', { id: 'listen-language', name: 'listen' });
    this.floorLevel = h('input', { id: 'floor-level', type: 'range', min: '0', max: '100', step: '5', value: String(DEFAULT_LEVELS.floor * 100) });
    this.interpretationLevel = h('input', {
      id: 'interpretation-level',
      type: 'range',
      min: '0',
      max: '100',
      step: '5',
      value: String(DEFAULT_LEVELS.interpretation * 100),
    });
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
  update(channels: string[]): void {
    const same = channels.length === this.channels.length && channels.every((c, i) => c === this.channels[i]) && this.shownIn === this.words.lang;
    this.channels = [...channels];
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
    const t = this.words;
    const chosen = this.select.value;
    this.shownIn = t.lang;
    this.root.hidden = this.channels.length === 0;
    this.heading.textContent = t.t('picker.heading');
    this.labels.listenTo.textContent = t.t('picker.listenTo');
    this.labels.floorLevel.textContent = t.t('picker.floorLevel');
    this.labels.interpretationLevel.textContent = t.t('picker.interpretationLevel');
    this.labels.floorOff.textContent = t.t('picker.floorOff');
    this.select.replaceChildren(
      new Option(t.t('picker.floor'), ''),
      ...this.channels.map((code) => new Option(t.t('picker.channel', { language: languageDisplayName(code, t.lang) }), code)),
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
