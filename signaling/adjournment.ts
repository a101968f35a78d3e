/**
 * What an adjournment the record holds means outside the court: the hearing's request waits for its
 * new date and the sitting's links stop opening it. Carried out when the court adjourns, and again
 * whenever a server loads a hearing the record says is adjourned, so a step that failed (a database
 * that did not answer) is made good rather than leaving the exchange saying the hearing is still on.
 * Every step is safe to repeat.
 */
import type { SignalingContext } from './context.js';
import { ADJOURNED_LINKS } from './tokens.js';

export async function settleAdjournment(ctx: SignalingContext, hearingId: string, adjourned: { at: string; reason: string }): Promise<void> {
  const moved = await ctx.store.requests.adjourn(hearingId, adjourned.reason, adjourned.at);
  // A hearing without a request (the demo) is continued with the links its people have.
  if (!moved && (await ctx.store.requests.get(hearingId))?.stage !== 'adjourned') return;
  await ctx.store.tokens.revokeAllOfHearing(hearingId, ADJOURNED_LINKS, adjourned.at);
}
