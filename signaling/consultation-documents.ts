/**
 * The documents a consultation's members shared go when it ends (server/consultation-documents-http.ts
 * holds them while it lasts): the server keeps no privileged paper, even sealed.
 */
import type { CourtroomState } from '../courtroom/index.js';
import type { SignalingContext } from './context.js';

/** Removes the hearing's documents of every consultation the court's state no longer holds open. */
export async function dropClosedConsultationDocuments(ctx: SignalingContext, hearingId: string, state: CourtroomState): Promise<void> {
  const open = state.phase === 'ended' ? [] : [...state.consultations.keys()];
  const dropped = await ctx.store.consultationDocuments.removeAllBut(hearingId, open);
  if (dropped > 0) ctx.log.info({ hearingId, dropped }, 'documents of ended consultations removed');
}
