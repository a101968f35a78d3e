/**
 * An alert for the court above the stage: the newest first, the same alert again counted on its line
 * rather than repeated, each one dismissed with its own button, five at most.
 */
import { ui } from './elements.js';
import { words } from './page-words.js';

export function showQualityAlert(at: string, message: string): void {
  const same = [...ui.qualityAlerts.children].find((li) => (li as HTMLElement).dataset.message === message) as HTMLLIElement | undefined;
  const item = same ?? document.createElement('li');
  const count = Number(item.dataset.count ?? 0) + 1;
  item.dataset.message = message;
  item.dataset.count = String(count);
  const time = document.createElement('time');
  time.dateTime = at;
  time.textContent = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const text = document.createElement('span');
  text.textContent = count > 1 ? words.t('alerts.repeated', { message, count }) : message;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.textContent = words.t('alerts.dismiss');
  dismiss.setAttribute('aria-label', words.t('alerts.dismissLabel', { message }));
  dismiss.addEventListener('click', () => {
    item.remove();
    ui.qualityAlerts.hidden = ui.qualityAlerts.children.length === 0;
  });
  item.replaceChildren(time, text, dismiss);
  ui.qualityAlerts.prepend(item);
  while (ui.qualityAlerts.children.length > 5) ui.qualityAlerts.lastElementChild?.remove();
  // After the end, the alerts of connections being torn down would only cover the minutes.
  ui.qualityAlerts.hidden = ui.tiles.hidden && !ui.minutesPanel.hidden;
}
