/**
 * A document of a hearing's bundle as the court keeps it: its kind checked from its own bytes (a PDF,
 * a PNG or a JPEG, whatever its sender called it), its pages counted, sealed under a key of its own
 * that the court's recording key wraps (AES-256-GCM, the document's id bound in), and opened again
 * only to render a page for someone allowed to see it. A PDF is rendered page by page to images on
 * the server (poppler's pdftoppm, as BigBlueButton converts slides), an image decoded and written
 * anew, so a viewer's browser receives pictures of the pages and never the file itself: nobody
 * downloads a document the court only shows. Rendering is bounded in pixels, in turns and in time.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { canonicalJson } from '../record/index.js';
import { type RecordingKey, WrappedKey } from './encryption.js';

const run = promisify(execFile);

export type DocumentKind = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The largest document the court takes: a bundle's statement or a scanned exhibit, not a case file. */
export const MAX_DOCUMENT_BYTES = 15 * 1024 * 1024;
/** The most pages a document may have: each is rendered on demand. */
export const MAX_DOCUMENT_PAGES = 500;

export class DocumentRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentRefused';
  }
}

/** What the bytes are, from their own first bytes; a document that is none of the three is refused. */
export function documentKind(bytes: Buffer): DocumentKind {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  throw new DocumentRefused('The document is not a PDF, PNG or JPEG file (its content says so, whatever its name).');
}

/** Runs a poppler tool on the document in a folder of its own, removed afterwards. */
async function withFile<T>(bytes: Buffer, work: (file: string, dir: string) => Promise<T>): Promise<T> {
  // A folder only this process's user can open (mkdtemp makes it 0700), removed however the work ends.
  const dir = await mkdtemp(join(tmpdir(), 'hearing-room-document-'));
  try {
    const file = join(dir, 'document');
    await writeFile(file, bytes, { mode: 0o600 });
    return await work(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** How many pages the document has (an image: one). A PDF poppler cannot read is refused. */
export async function pageCount(bytes: Buffer, kind: DocumentKind): Promise<number> {
  if (kind !== 'application/pdf') return 1;
  const pages = await withFile(bytes, async (file) => {
    const { stdout } = await run('pdfinfo', [file], { timeout: 20_000 }).catch(() => {
      throw new DocumentRefused('The PDF cannot be read: it is damaged or protected by a password.');
    });
    return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? Number.NaN);
  });
  if (!Number.isInteger(pages) || pages < 1) throw new DocumentRefused('The PDF has no page that can be shown.');
  if (pages > MAX_DOCUMENT_PAGES) throw new DocumentRefused(`The PDF has ${pages} pages; the court takes documents of at most ${MAX_DOCUMENT_PAGES}.`);
  return pages;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const aad = (exhibitId: string) => Buffer.from(canonicalJson({ exhibitId, purpose: 'exhibit' }), 'utf8');

/** Seals the bytes under a fresh key, which the court's recording key wraps: `dataKey` JSON, `content` base64 (nonce, tag, ciphertext). */
export function sealDocument(key: RecordingKey, exhibitId: string, bytes: Buffer): { dataKey: string; content: string } {
  const { dataKey, wrapped } = key.newDataKey(`exhibit:${exhibitId}`);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  cipher.setAAD(aad(exhibitId));
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return { dataKey: JSON.stringify(wrapped), content: Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64') };
}

/** Opens sealed bytes and checks them against the hash the record names: altered or swapped bytes are never shown. */
export function openDocument(key: RecordingKey, exhibit: { id: string; sha256: string; dataKey: string; content: string }): Buffer {
  const dataKey = key.unwrap(WrappedKey.parse(JSON.parse(exhibit.dataKey)), `exhibit:${exhibit.id}`);
  const sealed = Buffer.from(exhibit.content, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.subarray(0, 12));
  decipher.setAAD(aad(exhibit.id));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const bytes = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  if (sha256Of(bytes) !== exhibit.sha256) throw new Error(`exhibit ${exhibit.id}: its bytes do not have the hash the record names`);
  return bytes;
}

/** The longest side of a page as it is shown, in pixels: enough to read a page on a laptop, bounded whatever the page's size. */
const PAGE_PIXELS = 1600;
/** Pages rendered at once by this server: the rest wait their turn, so a flood of requests cannot exhaust it. */
const RENDERS_AT_ONCE = 2;
/** Pages kept rendered, by the document's hash and the page: the whole courtroom turning to page 3 renders it once. */
const PAGES_KEPT = 48;

let rendering = 0;
const waiting: (() => void)[] = [];
const rendered = new Map<string, { type: 'image/png'; bytes: Buffer }>();

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (rendering >= RENDERS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  rendering++;
  try {
    return await work();
  } finally {
    rendering--;
    waiting.shift()?.();
  }
}

/**
 * One page as a picture, never the file: a PDF page rendered by pdftoppm, an image decoded and
 * written again by ffmpeg (which drops what it carries besides its pixels, such as where a photograph
 * was taken) — both at most PAGE_PIXELS on their longest side.
 */
export async function renderPage(bytes: Buffer, kind: DocumentKind, page: number, sha256: string): Promise<{ type: 'image/png'; bytes: Buffer }> {
  const key = `${sha256}/${page}`;
  const kept = rendered.get(key);
  if (kept) return kept;
  const picture = await inTurn(() =>
    withFile(bytes, async (file, dir) => {
      const out = join(dir, 'page');
      if (kind === 'application/pdf')
        await run('pdftoppm', ['-png', '-scale-to', String(PAGE_PIXELS), '-f', String(page), '-l', String(page), '-singlefile', file, out], {
          timeout: 30_000,
        });
      else
        await run(
          'ffmpeg',
          [
            '-v',
            'error',
            '-i',
            file,
            '-map_metadata',
            '-1',
            '-frames:v',
            '1',
            '-vf',
            `scale='min(${PAGE_PIXELS},iw)':-2`,
            '-f',
            'image2',
            '-c:v',
            'png',
            `${out}.png`,
          ],
          { timeout: 30_000 },
        );
      return { type: 'image/png' as const, bytes: await readFile(`${out}.png`) };
    }),
  );
  rendered.set(key, picture);
  if (rendered.size > PAGES_KEPT) rendered.delete(rendered.keys().next().value!);
  return picture;
}
