/**
 * Interpretation over the socket: the listener's own choice of channel (`interpretation:listen`).
 * The channel left is cut at once and the chosen one offered, by the court's rule; how interpretation
 * is carried out in the SFU is `interpretation-media.ts`.
 */
import type { Logger } from 'pino';
import { channelsOf, interpretationView } from '../courtroom/index.js';
import type { SignalingContext } from './context.js';
import { inHearing } from './court-broadcast.js';
import { hearingOf } from './courts.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import type { Attendee } from './presence.js';

export function registerInterpretationHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;

  handle(socket, log, 'interpretation:listen', 'media.receive', async ({ channel }) => {
    const participants = await ctx.store.participants.listByHearing(hearing.id);
    if (channel !== null && !channelsOf(participants).some((c) => c.language === channel)) {
      throw new UserError('no_such_channel', `This hearing has no ${channel} channel.`);
    }
    attendee.listening = channel;
    // The channel left is cut at once; the chosen one's streams are offered on the same connection.
    const live = await hearingOf(ctx, hearing.id);
    await live.media.reconcile();
    const byId = new Map(participants.map((p) => [p.id, p]));
    const connected = inHearing(ctx, hearing.id);
    socket.emit('interpretation:state', interpretationView(live.state, participant, byId, connected, channel));
    return { listening: channel };
  });
}
