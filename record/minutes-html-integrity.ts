/**
 * The integrity of the minutes, in print: the record entry they end at with its hash, the judge's
 * signature, the officer's countersignature, each transmission, and the custody of the recordings.
 */
import { escapeHtml as e, type Page } from './minutes-html-page.js';
import type { MinutesWords } from './minutes-words.js';

export interface MinutesStatus {
  /** The record entry of the officer's latest statement (a correction is a new one); null until she makes one. The judge signs after it. */
  statementSeq?: number | null;
  /** The presiding judge's signature, with the court's key. */
  signed: { at: string; by: string | null; keyId: string; sha256: string; signature: string | null } | null;
  /** The officer's countersignature of the same bytes, with her authority's key. */
  countersigned?: { at: string; by: string | null; keyId: string; sha256: string; signature: string } | null;
  transmissions: { at: string; by: string | null; to: string; sha256: string }[];
  /** Every access, playback, export and verification of the hearing's recordings, from the record. */
  custody?: CustodyEntry[];
}

/** One entry of the recording's custody, as the record holds it; put in words in each version's language. */
export interface CustodyEntry {
  at: string;
  by: string | null;
  /** An operator's name where the step was taken on the server's command line. */
  operator: string | null;
  what:
    | { kind: 'accessed' }
    | { kind: 'played'; channel: string }
    | { kind: 'exported'; recipient: string | null; decrypted: boolean }
    | { kind: 'verified'; holds: boolean; problem: string | null; decrypted: boolean };
  recordingId: string;
  seq: number;
}

export function integrity(page: Page, status: MinutesStatus): string {
  const { m, w, t, muted, moment } = page;
  const signed = status.signed;
  const signature = signed
    ? `<dl class="signature" data-signature="judge">
        <dt>${t('html.sig.signed')}</dt><dd>${signed.by ? t('html.sig.signedValueBy', { when: moment(signed.at), name: signed.by }) : t('html.sig.signedValue', { when: moment(signed.at) })}</dd>
        <dt>${t('html.sig.algorithm')}</dt><dd>${t('html.sig.algorithmValue', { url: `GET /hearings/${m.hearing.id}/minutes.json` })}</dd>
        <dt>${t('html.sig.sha256')}</dt><dd class="hash">${e(signed.sha256)}</dd>
        <dt>${t('html.sig.keyId')}</dt><dd class="hash">${e(signed.keyId)} ${muted(t('html.sig.publicKeys', { url: '/minutes-public-keys' }))}</dd>
        ${signed.signature ? `<dt>${t('html.sig.signature')}</dt><dd class="hash">${e(signed.signature)}</dd>` : ''}
      </dl>`
    : `<p class="unsigned">${t('html.sig.notSigned')}</p>`;
  const c = status.countersigned;
  const countersignature = c
    ? `<dl class="signature" data-signature="officer">
        <dt>${t('html.sig.countersigned')}</dt><dd>${c.by ? t('html.sig.countersignedValueBy', { when: moment(c.at), name: c.by }) : t('html.sig.countersignedValue', { when: moment(c.at) })}</dd>
        <dt>${t('html.sig.keyId')}</dt><dd class="hash">${e(c.keyId)}</dd>
        <dt>${t('html.sig.signature')}</dt><dd class="hash">${e(c.signature)}</dd>
      </dl>`
    : `<p class="unsigned">${t('html.sig.notCountersigned')}</p>`;
  const transmissions =
    status.transmissions.length === 0
      ? `<p>${t('html.sig.notTransmitted')}</p>`
      : `<ul>${status.transmissions
          .map((x) => {
            const values = { to: x.to, when: moment(x.at), sha256: x.sha256.slice(0, 16) };
            return `<li>${x.by ? t('html.sig.transmittedBy', { ...values, name: x.by }) : t('html.sig.transmitted', values)}</li>`;
          })
          .join('')}</ul>`;
  const custody =
    (status.custody ?? []).length === 0
      ? ''
      : `<h3>${t('html.h.custody')}</h3>
<ul class="custody">${(status.custody ?? []).map((x) => `<li>${t('custody.line', { when: moment(x.at), who: x.by ?? (x.operator ? w.t('custody.operator', { name: x.operator }) : w.t('html.sig.unknown')), what: custodyWords(x.what, w) })} ${muted(t('custody.where', { recordingId: x.recordingId.slice(0, 8), seq: x.seq }))}</li>`).join('')}</ul>`;
  return `<p>${t('html.recordIntro', { entries: m.record.entries, throughSeq: m.record.throughSeq })} <span class="hash">${e(m.record.hashThrough)}</span></p>
${signature}
${countersignature}
${transmissions}
${custody}`;
}

/** What a custody entry says was done with the recording. */
function custodyWords(what: CustodyEntry['what'], w: MinutesWords): string {
  switch (what.kind) {
    case 'accessed':
      return w.t('custody.accessed');
    case 'played':
      return w.t('custody.played', { channel: what.channel === 'floor' ? w.t('channel.floor') : w.t('channel', { language: w.languageName(what.channel) }) });
    case 'exported': {
      const exported = what.recipient ? w.t('custody.exportedFor', { recipient: what.recipient }) : w.t('custody.exported');
      return what.decrypted ? w.t('custody.withDecrypted', { what: exported }) : exported;
    }
    case 'verified': {
      const verified = what.holds ? w.t('custody.holds') : w.t('custody.doesNotHold', { problem: what.problem ?? '—' });
      return what.decrypted ? w.t('custody.decryptedChecked', { what: verified }) : verified;
    }
  }
}
