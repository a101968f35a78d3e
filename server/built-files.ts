/**
 * The built pages' files as `web/build.mjs` leaves them, for a browser on a slow link: each is sent
 * in the smallest encoding the browser accepts among those written beside it at build time (.br,
 * .gz — nothing is compressed per request), and a file whose name carries its content hash is cached
 * for a year, since a new build gives it a new name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Request, Response } from 'express';
import { z } from 'zod';

/** `join-4CKFRXZT.js`, `chunk-QBUJ6OMU.js.map`: esbuild's content hash in the name. */
const HASHED_NAME = /-[A-Z0-9]{8}\.js(\.map)?$/;
/** What /assets serves: a plain file name, no folders, no hidden files. */
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(js|css|map)$/;
/** The character maps and standard fonts pdf.js asks for by name (web/src/pdf-pages.ts), as pdf.js ships them. */
const PDF_DATA_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(bcmap|pfb|ttf)$/;

export const CACHE_FOREVER = 'public, max-age=31536000, immutable';
const CACHE_BRIEFLY = 'public, max-age=3600';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings a request's Accept-Encoding allows (a `q=0` refuses one), best first. */
export function acceptedEncodings(header: string | undefined): ('br' | 'gzip')[] {
  const allowed = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    allowed.set(token, q === undefined ? 1 : Number(q));
  }
  const wildcard = allowed.get('*');
  return ENCODINGS.map((e) => e.name).filter((name) => (allowed.get(name) ?? wildcard ?? 0) > 0);
}

/** Sends a built file, precompressed if the browser accepts it, with the cache policy given. */
export function sendBuilt(req: Request, res: Response, path: string, cacheControl: string): void {
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', cacheControl);
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  const encoding = ENCODINGS.find((e) => accepted.includes(e.name) && existsSync(`${path}${e.suffix}`));
  if (!encoding) {
    res.sendFile(path, { cacheControl: false });
    return;
  }
  res.type(extname(path));
  res.setHeader('Content-Encoding', encoding.name);
  // A byte range of the compressed file is not a range of the file: send whole files only.
  res.sendFile(`${path}${encoding.suffix}`, { cacheControl: false, acceptRanges: false });
}

/** The handler for `/assets/:name`: hashed names cached for a year, the few others for an hour. */
export function assetHandler(assetsDir: string) {
  return (req: Request, res: Response): void => {
    const name = z.string().regex(ASSET_NAME).safeParse(req.params.name);
    if (!name.success || !existsSync(`${assetsDir}/${name.data}`)) {
      res.status(404).type('text/plain').send('Not found.');
      return;
    }
    sendBuilt(req, res, `${assetsDir}/${name.data}`, HASHED_NAME.test(name.data) ? CACHE_FOREVER : CACHE_BRIEFLY);
  };
}

/**
 * The handler for `/pdf-data/:kind/:name`: the character maps (`cmaps`) and standard fonts
 * (`standard-fonts`) pdf.js fetches to draw a PDF that does not embed them, copied by the web build
 * into `pdf-data/`. They change only with pdf.js: cached for a day.
 */
export function pdfDataHandler(pdfDataDir: string) {
  return (req: Request, res: Response): void => {
    const kind = z.enum(['cmaps', 'standard-fonts']).safeParse(req.params.kind);
    const name = z.string().regex(PDF_DATA_NAME).safeParse(req.params.name);
    if (!kind.success || !name.success || !existsSync(`${pdfDataDir}/${kind.data}/${name.data}`)) {
      res.status(404).type('text/plain').send('Not found.');
      return;
    }
    res.type('application/octet-stream');
    res.sendFile(`${pdfDataDir}/${kind.data}/${name.data}`, { cacheControl: false, headers: { 'Cache-Control': 'public, max-age=86400' } });
  };
}

/**
 * The hashes of the styles a page carries inline (written by the build), for its
 * Content-Security-Policy: only that exact stylesheet is allowed, never an injected one.
 */
export function inlineStyleHashes(webRoot: string): Record<string, string[]> {
  const file = `${webRoot}/inline-styles.json`;
  if (!existsSync(file)) return {};
  return z.record(z.string(), z.array(z.string().regex(/^'sha256-[A-Za-z0-9+/=]+'$/))).parse(JSON.parse(readFileSync(file, 'utf8')));
}
