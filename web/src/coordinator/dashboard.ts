/**
 * What the dashboard lends each of its views beyond what a section needs (`SectionHost`): the
 * coordinator signed in, and the way from one view to another — a tab, or one request's page.
 */
import type { SectionHost } from './texts.js';

export type Tab = 'inbox' | 'outbox' | 'agenda' | 'calendar' | 'new' | 'texts' | 'resources' | 'settings';

export interface Session {
  coordinator: { displayName: string; email: string };
  authority: { id: string; name: string; timeZone: string };
}

export interface Dashboard extends SectionHost {
  /** The coordinator signed in, and her authority with its zone. */
  readonly session: Session;
  /** The tab shown, or the one the request on screen was opened from. */
  readonly tab: Tab;
  /** The request on screen, to draw again in another language. */
  openId: string | null;
  showTab(tab: Tab): Promise<void>;
  openRequest(id: string): Promise<void>;
  /** Moves the focus to the new view's heading, so that screen readers follow. */
  focusHeading(): void;
}
