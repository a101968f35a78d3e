/**
 * The coordinator's session and her authority under /api: signing in and out, who is signed in, the
 * authorities she can address, her own authority's settings (time zone, working hours, holidays),
 * its approved texts, and its rooms, judges and interpreters. Routes as every scheduling route is one (routes.ts).
 */
import type { z } from 'zod';
import { SchedulingError, said, type SchedulingService } from '../scheduling/index.js';
import { authorityTextRoutes } from './authority-texts-api.js';
import type { CoordinatorSessions } from './coordinator-sessions.js';
import type { Route } from './routes.js';
import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import * as S from './scheduling-schemas.js';

export function sessionAndAuthorityRoutes(deps: { store: Store; log: Logger }, service: SchedulingService, sessions: CoordinatorSessions): Route[] {
  return [
    {
      method: 'post',
      path: '/api/session',
      summary: 'Sign in as a coordinator; sets the session cookie',
      public: true,
      body: S.Login,
      async handler({ req, res, body }) {
        const { email, password } = body as z.infer<typeof S.Login>;
        const coordinator = await sessions.signIn(email, password, req.ip ?? 'unknown', res);
        return { coordinator, authority: await service.authority(coordinator.authorityId) };
      },
    },
    {
      method: 'get',
      path: '/api/session',
      summary: 'Who is signed in, and their authority',
      async handler({ actor }) {
        const coordinator = await deps.store.authorities.coordinator(actor.coordinatorId);
        return { coordinator, authority: await service.authority(actor.authorityId) };
      },
    },
    {
      method: 'delete',
      path: '/api/session',
      summary: 'Sign out',
      public: true,
      async handler({ req, res }) {
        await sessions.signOut(req, res);
        return { signedOut: true };
      },
    },
    {
      method: 'get',
      path: '/api/authorities',
      summary: 'Every authority a request can be sent to (name, country, time zone)',
      async handler() {
        return (await deps.store.authorities.list()).map((a) => ({ id: a.id, name: a.name, country: a.country, timeZone: a.timeZone }));
      },
    },
    {
      method: 'get',
      path: '/api/authority',
      summary: "The coordinator's own authority with its working hours, holidays and rules",
      async handler({ actor }) {
        return service.authority(actor.authorityId);
      },
    },
    {
      method: 'put',
      path: '/api/authority/settings',
      summary: 'Change working hours, holidays, buffers, the summons lead time and the retention periods of the own authority',
      body: S.Settings,
      async handler({ actor, body }) {
        const settings = body as z.infer<typeof S.Settings>;
        await deps.store.authorities.updateSettings(actor.authorityId, settings);
        if (settings.retention) {
          const before = (await deps.store.authorities.get(actor.authorityId))?.retention;
          await deps.store.authorities.setRetention(actor.authorityId, settings.retention);
          // Who changed how long the authority keeps its hearings' data, for the operator (ids and days only).
          if (JSON.stringify(before) !== JSON.stringify(settings.retention))
            deps.log.info(
              { authorityId: actor.authorityId, coordinatorId: actor.coordinatorId, before, after: settings.retention },
              'retention periods changed',
            );
        }
        return service.authority(actor.authorityId);
      },
    },
    ...authorityTextRoutes(deps),
    {
      method: 'get',
      path: '/api/resources',
      summary: "The own authority's rooms, judges and interpreters",
      async handler({ actor }) {
        return (await deps.store.authorities.resourcesOf(actor.authorityId)).filter((r) => r.kind !== 'person');
      },
    },
    {
      method: 'post',
      path: '/api/resources',
      summary: 'Add a room, judge or interpreter (with language pair) to the own authority',
      body: S.NewResource,
      async handler({ actor, body, res }) {
        const input = body as z.infer<typeof S.NewResource>;
        res.status(201);
        return deps.store.authorities.createResource({
          authorityId: actor.authorityId,
          kind: input.kind,
          name: input.name,
          languages: input.languages,
          email: input.email ?? null,
        });
      },
    },
    {
      method: 'put',
      path: '/api/resources/{id}',
      summary: 'Change the name, languages or e-mail of one of the own authority’s rooms, judges or interpreters',
      params: S.ResourceParams,
      body: S.ResourceChanges,
      async handler({ actor, params, body }) {
        const { id } = params as { id: string };
        const changes = body as z.infer<typeof S.ResourceChanges>;
        if (!(await deps.store.authorities.updateResource(actor.authorityId, id, changes))) throw new SchedulingError('not_found', said('api.noSuchResource'));
        const [resource] = await deps.store.authorities.resources([id]);
        return resource;
      },
    },
    {
      method: 'delete',
      path: '/api/resources/{id}',
      summary: 'Stop booking one of the own authority’s resources; hearings that used it keep its name',
      params: S.ResourceParams,
      async handler({ actor, params }) {
        const { id } = params as { id: string };
        if (!(await deps.store.authorities.retireResource(actor.authorityId, id, new Date().toISOString())))
          throw new SchedulingError('not_found', said('api.noSuchResource'));
        return { retired: id };
      },
    },
  ];
}
