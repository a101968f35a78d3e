/**
 * The scheduling HTTP API under /api (and the secret calendar feeds under /feeds). Each route is one
 * entry of ROUTES: its method, path, schemas and handler. The router parses every body, query and
 * path parameter with the route's zod schemas before the handler runs, and the OpenAPI document is
 * generated from the same entries, so documentation and behaviour cannot drift apart.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { translatorFor, type Translator } from '../language/index.js';
import { LanguageTag } from '../language/tags.js';
import {
  SUMMONS_STYLE_SOURCE,
  SchedulingDocuments,
  SchedulingError,
  SchedulingService,
  bothSites,
  invalidField,
  said,
  sayIn,
  type Actor,
  type LinkIssuer,
} from '../scheduling/index.js';
import { storeOutage, type Store } from '../store/index.js';
import { OUTAGE_BODIES } from '../signaling/index.js';
import { sessionAndAuthorityRoutes } from './authority-routes.js';
import { CoordinatorSessions } from './coordinator-sessions.js';
import { contentSecurityPolicy } from './http.js';
import { openApiDocument } from './openapi.js';
import * as S from './scheduling-schemas.js';
import { requestView } from './scheduling-views.js';
import type { Route } from './routes.js';

export type { Route, RouteContext } from './routes.js';

const STATUS: Record<string, number> = {
  invalid_input: 400,
  nonexistent_local_time: 400,
  ambiguous_local_time: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  slot_conflict: 409,
  changed_meanwhile: 409,
  text_version_exists: 409,
  text_unchanged: 409,
  too_many_attempts: 429,
};

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, what: string): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalidField(result.error, what);
  return result.data;
}

export interface SchedulingApiDeps {
  store: Store;
  links: LinkIssuer;
  log: Logger;
  publicUrl: () => string;
  secureCookies: boolean;
  /** With several servers: sign-in failures are counted in the service's Redis. */
  sharedLimits?: ConstructorParameters<typeof CoordinatorSessions>[2];
  /** Told of every refused sign-in, for the operator's metrics. */
  signInRefused?: ConstructorParameters<typeof CoordinatorSessions>[3];
  /** The court has a mail relay: each step queues its letters (invitations, updates, cancellations, the summons). */
  sendsLetters?: boolean;
}

export function schedulingRoutes(deps: SchedulingApiDeps): Route[] {
  const service = new SchedulingService(deps.store, deps.links, undefined, deps.sendsLetters ?? false);
  const documents = new SchedulingDocuments(service);
  const sessions = new CoordinatorSessions(deps.store, deps.secureCookies, deps.sharedLimits, deps.signInRefused);
  const view = async (actor: Actor, id: string, full = true) => requestView(service, await service.request(actor, id), actor.authorityId, full);

  const routes: Route[] = [
    ...sessionAndAuthorityRoutes(deps, service, sessions),
    {
      method: 'get',
      path: '/api/requests',
      summary: 'Inbox (requests to the own authority) and outbox (its own requests), with times at both sites',
      async handler({ actor }) {
        const { inbox, outbox } = await service.list(actor);
        return {
          inbox: await Promise.all(inbox.map((r) => requestView(service, r, actor.authorityId))),
          outbox: await Promise.all(outbox.map((r) => requestView(service, r, actor.authorityId))),
        };
      },
    },
    {
      method: 'post',
      path: '/api/requests',
      summary: 'Draft a request to another authority',
      body: S.Draft,
      async handler({ actor, body, res }) {
        const request = await service.draft(actor, body as z.infer<typeof S.Draft>);
        res.status(201);
        return view(actor, request.hearingId);
      },
    },
    {
      method: 'get',
      path: '/api/requests/{id}',
      summary: 'One request with its participants and its event log',
      params: S.HearingParams,
      async handler({ actor, params }) {
        return view(actor, (params as { id: string }).id);
      },
    },
    {
      method: 'post',
      path: '/api/requests/{id}/actions',
      summary:
        'Take one step of the workflow (send, accept, refuse, propose times or a slot, agree, book or record the test, schedule, reschedule, cancel, held, close)',
      params: S.HearingParams,
      body: S.ActionBody,
      async handler({ actor, params, body }) {
        const { id } = params as { id: string };
        const { action, expectedVersion } = body as z.infer<typeof S.ActionBody>;
        await service.act(actor, id, action, expectedVersion);
        return view(actor, id);
      },
    },
    {
      method: 'get',
      path: '/api/requests/{id}/slots',
      summary: 'The earliest slots that suit both sites, all resources and buffers (within the proposed windows unless from/to are given)',
      params: S.HearingParams,
      query: S.SlotQuery,
      async handler({ actor, params, query }) {
        const { id } = params as { id: string };
        const q = query as z.infer<typeof S.SlotQuery>;
        const request = await service.request(actor, id);
        const { requesting, requested } = await service.sites(request);
        const viewer = actor.authorityId === requested.id ? requested : requesting;
        const other = viewer === requested ? requesting : requested;
        const slots = await service.findSlots(actor, id, q);
        const interpreters = await deps.store.authorities.resources(slots.map((s) => s.interpreterId).filter((x): x is string => x !== null));
        return slots.map((s) => ({
          ...s,
          interpreter: interpreters.find((i) => i.id === s.interpreterId)?.name ?? null,
          atSites: bothSites(s.start, s.end, { zone: viewer.timeZone, site: viewer.name }, { zone: other.timeZone, site: other.name }),
        }));
      },
    },
    {
      method: 'post',
      path: '/api/requests/{id}/slot-check',
      summary: 'Explain, in words, what stands against a start time (closed site, holiday, booked resource)',
      params: S.HearingParams,
      body: S.SlotCheck,
      async handler({ actor, params, body, words }) {
        const check = await service.checkSlot(actor, (params as { id: string }).id, (body as z.infer<typeof S.SlotCheck>).start);
        return { ...check, problems: check.problems.map((problem) => sayIn(problem, words)) };
      },
    },
    {
      method: 'get',
      path: '/api/requests/{id}/invitations/{participantId}',
      summary: "One participant's iCalendar invitation in their time zone and language, with a fresh personal join link (earlier links are withdrawn)",
      params: S.InvitationParams,
      produces: 'text/calendar',
      async handler({ actor, params, res }) {
        const { id, participantId } = params as z.infer<typeof S.InvitationParams>;
        const { filename, ics, message } = await documents.invitation(actor, id, participantId);
        res.setHeader('Content-Type', `text/calendar; charset=utf-8; method=${ics.includes('METHOD:CANCEL') ? 'CANCEL' : 'REQUEST'}`);
        res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
        res.setHeader('Content-Language', message.language);
        res.setHeader('Cache-Control', 'no-store');
        return ics;
      },
    },
    {
      method: 'get',
      path: '/api/requests/{id}/invitations/{participantId}/message',
      summary:
        "What to send a participant: the e-mail's subject and text in their language (English, said so, where there are no texts in it) and the .ics to attach, both with the same fresh personal link (earlier links are withdrawn)",
      params: S.InvitationParams,
      async handler({ actor, params, res, words }) {
        const { id, participantId } = params as z.infer<typeof S.InvitationParams>;
        const { filename, ics, message } = await documents.invitation(actor, id, participantId);
        res.setHeader('Cache-Control', 'no-store');
        return { ...message, warnings: message.warnings.map((warning) => sayIn(warning, words)), attachment: { filename, contentType: 'text/calendar', ics } };
      },
    },
    {
      method: 'get',
      path: '/api/requests/{id}/summons',
      summary: "The summons and rights notice in the person's language (or the one asked), a draft until the time is agreed, with warnings for the coordinator",
      params: S.HearingParams,
      query: S.SummonsQuery,
      async handler({ actor, params, query, words }) {
        const summons = await documents.summons(actor, (params as { id: string }).id, (query as z.infer<typeof S.SummonsQuery>).language);
        return { ...summons, warnings: summons.warnings.map((warning) => sayIn(warning, words)) };
      },
    },
    {
      method: 'get',
      path: '/api/requests/{id}/summons.html',
      summary: 'The summons as a printable page (marked as a draft on its face until the time is agreed)',
      params: S.HearingParams,
      query: S.SummonsQuery,
      produces: 'text/html',
      async handler({ actor, params, query, res }) {
        const summons = await documents.summons(actor, (params as { id: string }).id, (query as z.infer<typeof S.SummonsQuery>).language);
        res.type('text/html; charset=utf-8');
        // The summons carries its own stylesheet, so that it prints and travels whole: allow exactly that one.
        res.setHeader('Content-Security-Policy', contentSecurityPolicy([SUMMONS_STYLE_SOURCE]));
        res.setHeader('Content-Language', summons.language);
        res.setHeader('Cache-Control', 'no-store');
        return summons.html;
      },
    },
    {
      method: 'post',
      path: '/api/feeds',
      summary: 'Create the secret calendar feed URL of the own authority, or of one of its rooms (shown once; earlier URLs stop working)',
      body: S.NewFeed,
      async handler({ actor, body, res }) {
        const { resourceId, language } = body as z.infer<typeof S.NewFeed>;
        const secret = await documents.createFeed(actor, resourceId ?? null, language ?? null);
        res.status(201);
        return { url: `${deps.publicUrl()}/feeds/${secret}.ics` };
      },
    },
    {
      method: 'get',
      path: '/feeds/{secret}',
      summary: 'A subscribable calendar feed (the secret is the whole authorisation)',
      public: true,
      params: S.FeedParams,
      produces: 'text/calendar',
      async handler({ params, res }) {
        const secret = (params as { secret: string }).secret.replace(/\.ics$/, '');
        const ics = await documents.feed(secret);
        if (ics === null) throw new SchedulingError('not_found', said('api.unknownFeed'));
        res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        return ics;
      },
    },
  ];
  routes.push({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    public: true,
    async handler() {
      return openApiDocument(routes, deps.publicUrl());
    },
  });
  return routes.map((route) => (route.public ? route : { ...route, handler: async (ctx) => route.handler({ ...ctx, actor: await sessions.actor(ctx.req) }) }));
}

/**
 * The reader's words: the first language of the request's Accept-Language (the dashboard sends the
 * one it is shown in), checked as a language tag; English when there is none or it is not one.
 */
async function readerWords(req: Request): Promise<Translator> {
  const first = (req.headers['accept-language'] ?? '').split(',')[0]?.split(';')[0]?.trim() ?? '';
  const tag = LanguageTag.safeParse(first);
  return translatorFor(tag.success ? tag.data : 'en');
}

/** Mounts the routes on the app with JSON parsing and the one error mapping. */
export function mountSchedulingApi(app: Express, deps: SchedulingApiDeps): void {
  const router = express.Router();
  router.use('/api', express.json({ limit: '200kb' }));
  for (const route of schedulingRoutes(deps)) {
    router[route.method](route.path.replace(/\{(\w+)\}/g, ':$1'), async (req, res) => {
      const body = parse(route.body, req.body, 'body');
      const query = parse(route.query, { ...req.query }, 'query');
      const params = parse(route.params, { ...req.params }, 'path');
      const words = await readerWords(req);
      res.locals.words = words;
      const result = await route.handler({ req, res, words, body, query, params, actor: undefined as unknown as Actor });
      // What changed, by ids alone, so the operator can follow a request through the log.
      if (route.method !== 'get') {
        (req.log ?? deps.log).info(
          { route: route.path, ...(route.path.startsWith('/api/requests/{id}') ? { requestId: (params as { id?: string }).id } : {}), ...actionOf(body) },
          'scheduling: change made',
        );
      }
      if (typeof result === 'string') res.send(result);
      else res.json(result);
    });
  }
  router.use('/api', (_req: Request, res: Response) => {
    res.status(404).json({ code: 'not_found', message: 'No such API address. The list is at /api/openapi.json.' });
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof SchedulingError) return res.status(STATUS[error.code] ?? 400).json(error.toBody(res.locals.words as Translator | undefined));
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') return res.status(400).json({ code: 'invalid_input', message: 'body: is not valid JSON' });
    if (type === 'entity.too.large') return res.status(413).json({ code: 'invalid_input', message: 'body: is too large' });
    const outage = storeOutage(error);
    if (outage) {
      (_req.log ?? deps.log).error(
        { err: error, outage },
        `the court record cannot be written: ${outage === 'disk_full' ? 'the database disk is full' : 'the database is unreachable'}`,
      );
      return res.status(503).json(OUTAGE_BODIES[outage]);
    }
    (_req.log ?? deps.log).error({ err: error }, 'scheduling API failure');
    return res.status(500).json({ code: 'internal_error', message: 'Something went wrong on the server. Try again; the operator has been told.' });
  });
  app.use(router);
}

/** A workflow step's type (`{ action: { type } }`), which names no one. */
function actionOf(body: unknown): { action?: string } {
  const type = (body as { action?: { type?: unknown } } | null)?.action?.type;
  return typeof type === 'string' ? { action: type } : {};
}
