/**
 * The court's commands over the socket: each is parsed, checked against the permission table, and
 * handed to the court (`court-decisions.ts`), which decides, records and carries it out.
 */
import type { Logger } from 'pino';
import { CourtCommands, decide, type CourtCommandName } from '../courtroom/index.js';
import type { NamedCourtCommand } from '../courtroom/decide.js';
import type { SignalingContext } from './context.js';
import { runCourt } from './court-decisions.js';
import { handle } from './handler.js';
import { COURT_COMMAND_PERMISSIONS } from './permissions.js';
import type { Attendee } from './presence.js';

export function registerCourtHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;
  for (const name of Object.keys(CourtCommands) as CourtCommandName[]) {
    handle(socket, log, name, COURT_COMMAND_PERMISSIONS[name], async (command) => {
      const request = { name, command } as NamedCourtCommand;
      const events = await runCourt(ctx, hearing, participant, (state, court) => decide(state, request, participant, court), {
        exhibits: name === 'court:show-exhibit',
        links: name === 'interpretation:sound-check',
      });
      log.info({ command: name, recorded: events.map((e) => e.type) }, 'court decision');
      return { recorded: events.map((e) => e.type) };
    });
  }
}
