/**
 * The HTTP side: the pages, their assets, and a health endpoint. Join links carry the token in the
 * URL fragment (`/join/<hearing>#token=…`), which browsers never send to a server, so tokens stay out
 * of access logs and Referer headers.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Sfu } from '../sfu/index.js';
import { assetHandler, inlineStyleHashes, pdfDataHandler, sendBuilt } from './built-files.js';
import { errorForLog } from './log.js';
import type { Readiness } from './readiness.js';

/** `styleHashes`: the inline stylesheets a page may carry, by their hashes (the join page's, for its first paint). */
export const contentSecurityPolicy = (styleHashes: string[] = []) =>
  `default-src 'self'; script-src 'self'; style-src ${["'self'", ...styleHashes].join(' ')}; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The built pages: beside the sources when run with tsx, two levels up when run from dist/. */
export function findWebRoot(): string {
  const candidates = ['../web/dist', '../../web/dist'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  const found = candidates.find((dir) => existsSync(`${dir}/join.html`));
  if (!found) throw new Error('web pages are not built: run `npm run build:web` (the launcher does it for you)');
  return found;
}

/**
 * Each request's line in the log (pino-http): an id of its own, also sent back as `X-Request-Id` so
 * that a coordinator's report of an error can be found, the method, the path without its query, the
 * status and the time taken. No header, no body, no query: nothing personal. Failures at `warn` and
 * `error`; the rest, and the pages' assets and health checks, at `debug`.
 */
function accessLog(log: Logger) {
  return pinoHttp({
    logger: log,
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
    customSuccessMessage: () => 'http request',
    customErrorMessage: () => 'http request failed',
    serializers: {
      // The request's own logger (`req.log`) keeps errors as the server's does.
      err: errorForLog,
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** `mount` adds the API routes (the scheduling API) before the pages' catch-all answer. */
export function createHttpApp(deps: { sfu: Sfu; webRoot: string; ready?: () => Promise<Readiness>; mount?: (app: Express) => void; log?: Logger }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  if (deps.log) app.use(accessLog(deps.log));
  app.use((_req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    next();
  });

  app.get('/healthz', (_req, res) => {
    const { workers, hearings } = deps.sfu.stats();
    const alive = workers.filter((w) => w.alive).length;
    const healthy = alive > 0;
    // Counts only: process ids and addresses are for the operator's own tools, not for anyone who asks.
    res.status(healthy ? 200 : 503).json({
      status: alive === workers.length ? 'ok' : healthy ? 'degraded' : 'down',
      workers: { total: workers.length, alive, replaced: workers.reduce((n, w) => n + w.generation, 0) },
      hearings,
    });
  });

  // Ready to take a hearing: the database answers and the recording disk has room (server/readiness.ts).
  app.get('/readyz', async (_req, res) => {
    if (!deps.ready) return void res.status(200).json({ ready: true });
    const report = await deps.ready();
    res.status(report.ready ? 200 : 503).json(report);
  });

  const styleHashes = inlineStyleHashes(deps.webRoot);
  const page = (name: string) => (req: express.Request, res: express.Response) => {
    if (styleHashes[name]) res.setHeader('Content-Security-Policy', contentSecurityPolicy(styleHashes[name]));
    sendBuilt(req, res, `${deps.webRoot}/${name}`, 'no-store');
  };
  app.get('/', page('index.html'));
  app.get(['/join', '/join/:hearingId'], page('join.html'));
  app.get('/coordinator', page('coordinator.html'));
  app.get('/playback/:hearingId', page('playback.html'));
  app.get('/gallery/:ticket', page('gallery.html'));
  app.get('/assets/:name', assetHandler(`${deps.webRoot}/assets`));
  app.get('/pdf-data/:kind/:name', pdfDataHandler(`${deps.webRoot}/pdf-data`));

  deps.mount?.(app);

  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found. Open the personal link you received from the court.');
  });
  return app;
}
