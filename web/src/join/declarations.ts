/**
 * Consent to surrender and renunciation of speciality (CETS 209 Arts 3–4) on the participants' own
 * pages. The person sought reads the text put before her in her language (or hears the interpreter
 * read it), sees what must come first, answers from her own device — signing in a box on her screen
 * where the law asks — and, where the law lets her, takes it back. Her lawyer and the interpreter
 * attest from theirs. Drawn again only when what it shows changes, so a signature half drawn is
 * never wiped by another change of the court's state.
 */
import { directionOf } from '../../../language/index.js';
import type { CourtView, ParticipantView } from '../../../signaling/protocol.js';
import { askConfirm } from '../ask.js';
import type { SendCommand } from '../court-console.js';
import { h } from '../dom.js';
import { DECLARATION_NAMES } from '../declaration-names.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

type Course = CourtView['extradition'][number];

/** Her two answers to each declaration, as the buttons say them. */
const ANSWERS = {
  consent_to_surrender: { give: 'declaration.give.consent_to_surrender', refuse: 'declaration.refuse.consent_to_surrender' },
  speciality_renunciation: { give: 'declaration.give.speciality_renunciation', refuse: 'declaration.refuse.speciality_renunciation' },
} as const;

const time = (iso: string) => new Date(iso).toISOString().slice(11, 16);

/** The box she signs in: strokes of points on a 1000 × 400 pad, whatever the box's size on her screen. */
class SignaturePad {
  readonly strokes: [number, number][][] = [];
  readonly canvas = h('canvas', { class: 'signature-pad', width: '1000', height: '400', role: 'img', 'aria-label': words.t('declaration.signatureBox') });

  constructor() {
    const pen = this.canvas.getContext('2d');
    const at = (event: PointerEvent): [number, number] => {
      const box = this.canvas.getBoundingClientRect();
      const x = Math.round(((event.clientX - box.left) / box.width) * 1000);
      const y = Math.round(((event.clientY - box.top) / box.height) * 400);
      return [Math.min(1000, Math.max(0, x)), Math.min(400, Math.max(0, y))];
    };
    this.canvas.addEventListener('pointerdown', (event) => {
      this.canvas.setPointerCapture(event.pointerId);
      this.strokes.push([at(event)]);
    });
    this.canvas.addEventListener('pointermove', (event) => {
      const stroke = this.strokes.at(-1);
      if (!stroke || event.buttons === 0 || stroke.length >= 1500) return;
      const [x, y] = at(event);
      const [px, py] = stroke.at(-1)!;
      if (px === x && py === y) return;
      stroke.push([x, y]);
      if (!pen) return;
      pen.lineWidth = 6;
      pen.lineCap = 'round';
      pen.strokeStyle = '#102a5c';
      pen.beginPath();
      pen.moveTo(px, py);
      pen.lineTo(x, y);
      pen.stroke();
    });
  }

  clear(): void {
    this.strokes.length = 0;
    this.canvas.getContext('2d')?.clearRect(0, 0, 1000, 400);
  }
}

export class Declarations {
  private shown = '';

  constructor(private readonly send: SendCommand) {}

  render(view: CourtView, self: ParticipantView, people: ReadonlyMap<string, ParticipantView>): void {
    const own = self.role === 'person_heard';
    const attests = self.role === 'counsel' || self.role === 'interpreter';
    const courses = view.phase === 'ended' || !view.you.inCourtroom ? [] : view.extradition.filter((c) => (own ? c.participantId === self.id : attests));
    const key = JSON.stringify([words.lang, self.role, courses]);
    if (key === this.shown) return;
    this.shown = key;
    ui.declarations.hidden = courses.length === 0;
    ui.declarations.replaceChildren(
      ...courses.map((course) => (own ? this.forHer(course) : this.toAttest(course, self, people.get(course.participantId)?.displayName ?? ''))),
    );
  }

  /** What the person sought sees of one declaration: the text, what comes first, her answer, the ruling. */
  private forHer(course: Course): HTMLElement {
    const declaration = course.declaration;
    const text = course.text;
    const parts: (HTMLElement | null)[] = [
      h('h2', {}, text?.title ?? words.t(DECLARATION_NAMES[declaration])),
      course.ruling ? null : h('p', { class: 'muted' }, words.t('declaration.intro')),
      // Once the judge has ruled, the text folds away (open to read again), so the hearing has the stage back.
      text && !course.ruling ? h('p', { class: 'declaration-body', lang: text.language, dir: directionOf(text.language) }, text.body) : null,
      text && course.ruling
        ? h('details', {}, h('summary', {}, text.title), h('p', { class: 'declaration-body', lang: text.language, dir: directionOf(text.language) }, text.body))
        : null,
      course.interpreted ? h('p', { class: 'muted' }, words.t('declaration.interpreted', { language: languageName(course.understoodIn) })) : null,
      h(
        'p',
        { class: 'declaration-effect' },
        course.revocable ? words.t('declaration.revocable', { basis: course.revocationBasis ?? '' }) : words.t('declaration.irrevocable'),
      ),
    ];
    if (!course.answer && !course.ruling) {
      if (course.missing.length > 0) {
        for (const missing of course.missing)
          parts.push(
            h(
              'p',
              { class: 'declaration-waiting', role: 'status' },
              words.t(missing === 'counsel' ? 'declaration.waitingCounsel' : 'declaration.waitingInterpreter'),
            ),
          );
      } else parts.push(this.answerForm(course));
    } else if (course.answer && !course.ruling) {
      parts.push(h('p', { class: 'declaration-answer', role: 'status' }, words.t(course.answer.given ? 'declaration.given' : 'declaration.refused')));
    }
    if (course.ruling) {
      parts.push(
        h(
          'p',
          { class: 'declaration-answer', role: 'status' },
          course.ruling.accepted
            ? words.t(course.answer?.given ? 'declaration.accepted' : 'declaration.refused')
            : words.t('declaration.notAccepted', { reason: course.ruling.reason ?? '' }),
        ),
      );
    }
    if (course.revokedAt) parts.push(h('p', { class: 'declaration-answer', role: 'status' }, words.t('declaration.revoked', { time: time(course.revokedAt) })));
    else if (course.standing && course.revocable) {
      const revoke = h('button', { type: 'button', class: 'danger', 'aria-haspopup': 'dialog' }, words.t('declaration.revoke'));
      revoke.addEventListener('click', () => {
        void askConfirm(words, words.t('declaration.revokeQuestion'), words.t('declaration.revoke'), words.t('declaration.keep')).then(
          (yes) => yes && this.send('extradition:revoke', { declaration }),
        );
      });
      parts.push(h('p', { class: 'actions' }, revoke));
    }
    return h(
      'section',
      {
        class: 'rights-notice declaration',
        'data-declaration': declaration,
        lang: words.lang,
        dir: words.dir,
        'aria-label': words.t(DECLARATION_NAMES[declaration]),
      },
      ...parts,
    );
  }

  /** Her answer: the two buttons, and the box to sign in where the law asks. */
  private answerForm(course: Course): HTMLElement {
    const declaration = course.declaration;
    const pad = course.signatureRequired ? new SignaturePad() : null;
    const problem = h('p', { class: 'declaration-problem', role: 'alert', hidden: true });
    const answer = (given: boolean) => {
      // A signature, not a dot: the same bound as the court's.
      if (given && pad && pad.strokes.flat().length < 5) {
        problem.textContent = words.t('declaration.signFirst');
        problem.hidden = false;
        return;
      }
      // Giving it binds her: she is asked once more, with what it means, before it goes to the court.
      const ask = given
        ? askConfirm(
            words,
            course.revocable ? words.t('declaration.revocable', { basis: course.revocationBasis ?? '' }) : words.t('declaration.irrevocable'),
            words.t(ANSWERS[declaration].give),
            words.t('declaration.back'),
          )
        : Promise.resolve(true);
      void ask.then((yes) => yes && send(given));
    };
    const send = (given: boolean) => {
      // One answer: the buttons wait for the court, and come back only if it refused.
      give.disabled = refuse.disabled = true;
      void this.send('extradition:declare', {
        declaration,
        answer: given ? 'given' : 'refused',
        textSha256: course.textSha256,
        ...(given && pad ? { signature: { strokes: pad.strokes } } : {}),
      }).then((recorded) => {
        if (!recorded) give.disabled = refuse.disabled = false;
      });
    };
    const give = h('button', { type: 'button', class: 'primary', 'data-answer': 'given' }, words.t(ANSWERS[declaration].give));
    const refuse = h('button', { type: 'button', 'data-answer': 'refused' }, words.t(ANSWERS[declaration].refuse));
    give.addEventListener('click', () => answer(true));
    refuse.addEventListener('click', () => answer(false));
    pad?.canvas.addEventListener('pointerdown', () => {
      problem.hidden = true;
    });
    const clear = pad ? h('button', { type: 'button', class: 'link' }, words.t('declaration.clear')) : null;
    clear?.addEventListener('click', () => pad?.clear());
    return h(
      'div',
      { class: 'declaration-answer-form' },
      pad ? h('p', {}, words.t('declaration.sign')) : null,
      pad?.canvas ?? null,
      clear,
      problem,
      h('p', { class: 'actions' }, give, refuse),
    );
  }

  /** What her lawyer or the interpreter sees: the declaration, and the attestation to give before she answers. */
  private toAttest(course: Course, self: ParticipantView, name: string): HTMLElement {
    const counsel = self.role === 'counsel';
    const attestedAt = counsel ? course.counselAttestedAt : course.interpreterAttestedAt;
    const label = counsel ? words.t('attest.counsel', { name }) : words.t('attest.interpreter', { name, language: languageName(course.understoodIn) });
    const body =
      attestedAt !== null
        ? h('p', { role: 'status' }, `✓ ${words.t('attest.done', { time: time(attestedAt) })}`)
        : course.answer || course.ruling
          ? h('p', { class: 'muted' }, words.t('attest.answered', { name }))
          : (() => {
              const button = h('button', { type: 'button', class: 'primary' }, label);
              button.addEventListener(
                'click',
                () => void this.send('extradition:attest', { participantId: course.participantId, declaration: course.declaration }),
              );
              return h('p', { class: 'actions' }, button);
            })();
    return h(
      'section',
      { class: 'rights-notice declaration attest', 'data-declaration': course.declaration },
      h('h2', {}, words.t('attest.heading', { declaration: words.t(DECLARATION_NAMES[course.declaration]), name })),
      body,
    );
  }
}

function languageName(tag: string): string {
  return new Intl.DisplayNames([words.lang], { type: 'language' }).of(tag) ?? tag;
}
