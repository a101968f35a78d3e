/**
 * The summons's own stylesheet, carried inside the document so that a summons saved, e-mailed or
 * printed looks the same as on screen. Written for a phone first: large type, one column, the time
 * in bold boxes, the draft mark impossible to miss. Logical properties, so Arabic mirrors by itself.
 * The server allows exactly this stylesheet by its hash (Content-Security-Policy).
 */
import { createHash } from 'node:crypto';

export const SUMMONS_STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5562; --line: #c9d0d8; --accent: #0b5cad; --time: #eef4fb; --draft: #8a2b00; --draft-bg: #fff1e0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 1.125rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif; overflow-wrap: anywhere; }
main { position: relative; z-index: 1; max-width: 44rem; margin: 0 auto; padding: 1.25rem 1rem 2.5rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.25rem 0 1rem; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 1.6rem 0 0.6rem; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
p { margin: 0 0 0.8rem; }
ul, ol { margin: 0; padding-inline-start: 1.4rem; }
li { margin-bottom: 0.6rem; }
.times { margin: 0; }
.times > div { margin: 0 0 0.75rem; padding: 0.6rem 0.85rem; border-inline-start: 5px solid var(--accent); background: var(--time); }
.times dt { font-size: 0.95rem; color: var(--muted); }
.times dd { margin: 0; font-size: 1.2rem; font-weight: 700; line-height: 1.4; }
.times dd span { display: block; }
.times dd span + span { white-space: nowrap; font-size: 1.3rem; }
.proposals { padding-inline-start: 1.75rem; }
.proposals > li { margin-bottom: 1.25rem; padding-inline-start: 0.25rem; }
.proposals > li::marker { font-weight: 800; font-size: 1.2rem; color: var(--draft); }
.draft .times > div { border-inline-start-style: dashed; border-inline-start-color: var(--draft); background: var(--draft-bg); }
.not-agreed { font-weight: 700; color: var(--draft); }
.draft-banner { border: 4px solid var(--draft); background: var(--draft-bg); padding: 0.75rem 1rem; margin: 0 0 1.25rem; }
.draft-banner p { margin: 0.25rem 0; }
.draft-banner .mark { color: var(--draft); font-size: 1.3rem; font-weight: 800; line-height: 1.3; }
.draft-banner .mark-en { color: var(--draft); font-weight: 700; }
.fallback-notice { border: 3px solid var(--accent); background: var(--time); padding: 0.75rem 1rem; margin: 0 0 1.25rem; font-weight: 600; }
.fallback-notice p { margin: 0; }
.watermark { position: fixed; inset: 0; z-index: 0; display: flex; align-items: center; justify-content: center; overflow: hidden; pointer-events: none; }
.watermark p { margin: 0; transform: rotate(-28deg); text-align: center; font-size: clamp(3rem, 17vw, 9rem); font-weight: 900; line-height: 1.1; letter-spacing: 0.04em; color: rgb(138 43 0 / 0.1); }
.watermark span { display: block; white-space: nowrap; }
.unbroken { white-space: nowrap; }
.template-version { margin-top: 2rem; color: var(--muted); font-size: 0.95rem; }
@media (min-width: 48rem) { body { font-size: 1.0625rem; } main { padding: 2rem 1.5rem 3rem; } h1 { font-size: 1.9rem; } }
@media print { body { font-size: 11pt; } main { max-width: none; padding: 0; } .times > div { background: none; } .draft-banner { background: none; } }
@page { margin: 18mm 16mm; }
`;

/** The Content-Security-Policy source that allows this stylesheet and no other inline one. */
export const SUMMONS_STYLE_SOURCE = `'sha256-${createHash('sha256').update(SUMMONS_STYLE).digest('base64')}'`;
