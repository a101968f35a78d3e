/**
 * The Grafana dashboard and Prometheus's alert rules in deploy/ use what the server exports: every
 * metric a panel's query or an alert names is one the server's registry has (a renamed metric would
 * leave an operator an empty chart, or an alert that can never fire).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { createMetrics } from '../../server/metrics.js';

const dashboard = JSON.parse(readFileSync(new URL('../../deploy/grafana-dashboard.json', import.meta.url), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

const alerts = parse(readFileSync(new URL('../../deploy/alerts.yml', import.meta.url), 'utf8')) as {
  groups: { rules: { alert: string; expr: string; annotations: { summary: string } }[] }[];
};

const exportedNames = async () => new Set((await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
// A histogram is queried through its series.
const base = (name: string) => name.replace(/_(bucket|sum|count)$/, '');

describe('the operator’s Grafana dashboard', () => {
  it('charts only metrics the server exports, in every panel', async () => {
    const exported = await exportedNames();
    assert.ok(dashboard.panels.length >= 8);
    for (const panel of dashboard.panels) {
      assert.ok(panel.targets.length > 0, `${panel.title} has a query`);
      for (const { expr } of panel.targets) {
        const names = [...expr.matchAll(/\bhearing_room_[a-z0-9_]+/g)].map((m) => m[0]);
        assert.ok(names.length > 0, `${panel.title}: ${expr}`);
        for (const name of names) assert.ok(exported.has(name) || exported.has(base(name)), `${panel.title} charts ${name}, which the server does not export`);
      }
    }
  });
});

describe('the operator’s alert rules', () => {
  it('watch only metrics the server exports, and each says what happened', async () => {
    const exported = await exportedNames();
    const rules = alerts.groups.flatMap((g) => g.rules);
    assert.ok(rules.length >= 6);
    for (const rule of rules) {
      assert.ok(rule.annotations.summary.length > 20, `${rule.alert} says what happened`);
      const names = [...rule.expr.matchAll(/\bhearing_room_[a-z0-9_]+/g)].map((m) => m[0]);
      for (const name of names) assert.ok(exported.has(name) || exported.has(base(name)), `${rule.alert} watches ${name}, which the server does not export`);
    }
  });
});
