/**
 * The coordinator dashboard: sign in, the inbox and outbox of requests (`requests-list.ts`), an
 * agenda in both zones and a week's calendar (`agenda.ts`), a new-request form (`new-request.ts`),
 * and one request's page (`request-page.ts`) with the steps open to this coordinator now
 * (`next-steps.ts`), the slot finder, invitations and the summons; and the authority's texts of
 * rights and oath (`texts.ts`), its rooms, judges and interpreters (`resources.ts`) and its working
 * hours, rules and keys (`settings.ts`). This part signs in and out, moves between the views and
 * shows a refusal in words.
 * Every time is shown at both sites, the coordinator's first. Plain DOM, no framework; focus moves
 * to each new view's heading so screen readers follow.
 */
import { renderAgenda, renderCalendar } from './agenda.js';
import { ApiError, api } from './api.js';
import type { Dashboard, Session, Tab } from './dashboard.js';
import { h, select } from './dom.js';
import { renderNewRequest } from './new-request.js';
import { openRequest } from './request-page.js';
import { renderBox } from './requests-list.js';
import { renderResources } from './resources.js';
import { renderSettings } from './settings.js';
import { renderTexts } from './texts.js';
import { dashboardLanguages, page, startingLanguage, t, useLanguage } from './words.js';

let session: Session | null = null;
let tab: Tab = 'inbox';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const content = () => $('tab-content');

function announce(text: string): void {
  $('status').textContent = text;
}

function showError(error: unknown): void {
  const alert = $('alert');
  alert.replaceChildren();
  if (error instanceof ApiError) {
    alert.append(h('p', {}, error.message));
    if (error.details.length > 0) alert.append(h('ul', {}, ...error.details.map((d) => h('li', {}, d))));
    if (error.code === 'unauthenticated' && session) void start();
  } else {
    alert.append(h('p', {}, t('coord.unreachable')));
  }
  alert.hidden = false;
  alert.focus?.();
}

function clearError(): void {
  $('alert').hidden = true;
}

function focusHeading(): void {
  content().querySelector<HTMLElement>('h1, h2')?.focus();
}

/** Runs a step; shows a refusal in the alert region instead of throwing. */
async function attempt(work: () => Promise<void>): Promise<void> {
  clearError();
  try {
    await work();
  } catch (error) {
    showError(error);
  }
}

const dashboard: Dashboard = {
  get content() {
    return content();
  },
  attempt,
  announce,
  get session() {
    return session!;
  },
  get tab() {
    return tab;
  },
  openId: null,
  showTab,
  openRequest: (id) => openRequest(dashboard, id),
  focusHeading,
};

// ── sign-in ───────────────────────────────────────────────────────────────────────────────────

async function start(): Promise<void> {
  try {
    session = await api<Session>('GET', '/api/session');
  } catch {
    session = null;
  }
  $('sign-in-view').hidden = session !== null;
  $('dashboard-view').hidden = session === null;
  $('sign-out').hidden = session === null;
  $('who').textContent = session
    ? t('coord.who', { name: session.coordinator.displayName, authority: session.authority.name, timeZone: session.authority.timeZone })
    : '';
  if (session) await (dashboard.openId ? dashboard.openRequest(dashboard.openId) : showTab(tab));
  else $('email').focus();
}

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void attempt(async () => {
    await api('POST', '/api/session', { email: ($('email') as HTMLInputElement).value, password: ($('password') as HTMLInputElement).value });
    ($('password') as HTMLInputElement).value = '';
    await start();
  });
});

$('sign-out').addEventListener(
  'click',
  () =>
    void attempt(async () => {
      await api('DELETE', '/api/session');
      await start();
    }),
);

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
  button.addEventListener('click', () => void showTab(button.dataset.tab as Tab));
}

async function showTab(next: Tab): Promise<void> {
  tab = next;
  dashboard.openId = null;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    if (button.dataset.tab === next) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  await attempt(async () => {
    if (next === 'new') await renderNewRequest(dashboard);
    else if (next === 'texts') await renderTexts(dashboard);
    else if (next === 'resources') await renderResources(dashboard);
    else if (next === 'settings') await renderSettings(dashboard);
    else if (next === 'calendar') await renderCalendar(dashboard);
    else if (next === 'agenda') await renderAgenda(dashboard);
    else await renderBox(dashboard, next);
    focusHeading();
  });
}

/** The picker of the dashboard's language, in the bar: the choice is kept in this browser. */
function languagePicker(): void {
  const picker = select('page-language', dashboardLanguages(), { 'aria-label': t('coord.language') });
  picker.value = page.lang;
  picker.addEventListener('change', () => void useLanguage(picker.value));
  page.onChange(() => {
    picker.value = page.lang;
    picker.setAttribute('aria-label', t('coord.language'));
    document.title = t('coord.title');
    void start();
  });
  $('sign-out').before(picker);
}

void (async () => {
  await page.use(startingLanguage());
  document.title = t('coord.title');
  languagePicker();
  await start();
})();
