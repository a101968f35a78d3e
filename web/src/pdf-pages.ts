/**
 * A PDF drawn on the page itself, by Mozilla's pdf.js: a phone's browser may have no viewer of its
 * own, and a document sealed end to end must be opened where it was unsealed, never handed to
 * another program. pdf.js and its worker are loaded only when a PDF is opened (the join page does not
 * carry them), the worker as its own hashed file, like the frame sealer.
 */

/** Where the built pdf.js worker is served; set by the web build (web/build.mjs), with its content hash. */
declare const PDF_WORKER_URL: string;

export interface PdfDocument {
  readonly pages: number;
  /** Draws one page (from 1) on the canvas, `width` device pixels wide. */
  render(page: number, canvas: HTMLCanvasElement, width: number): Promise<void>;
  close(): Promise<void>;
}

/** The largest canvas a page is drawn on (iOS refuses larger ones). */
const MAX_PIXELS = 16_000_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loaded: Promise<PdfJs> | null = null;

/** The legacy build: it carries what an older phone's browser lacks. */
function pdfjs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = PDF_WORKER_URL;
    return lib;
  });
  return loaded;
}

export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const lib = await pdfjs();
  // A copy: pdf.js hands the bytes to its worker, which would leave the caller's array empty.
  const loading = lib.getDocument({
    data: bytes.slice(),
    enableXfa: false,
    stopAtErrors: false,
    // For text in fonts the document names but does not carry (server/built-files.ts serves them).
    cMapUrl: '/pdf-data/cmaps/',
    cMapPacked: true,
    standardFontDataUrl: '/pdf-data/standard-fonts/',
  });
  const document = await loading.promise;
  let drawing: { cancel(): void } | null = null;
  return {
    pages: document.numPages,
    async render(page, canvas, width) {
      drawing?.cancel();
      const pdfPage = await document.getPage(page);
      const unscaled = pdfPage.getViewport({ scale: 1 });
      // A page made to be absurdly tall would ask for a canvas no phone can hold: at most MAX_PIXELS.
      const fitted = width / unscaled.width;
      const scale = Math.min(fitted, Math.sqrt(MAX_PIXELS / (unscaled.width * unscaled.height)));
      const viewport = pdfPage.getViewport({ scale });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const task = pdfPage.render({ canvas, viewport });
      drawing = task;
      try {
        await task.promise;
      } catch (error) {
        // Turning the page again cancels the drawing under way: that is not a failure.
        if ((error as { name?: string }).name !== 'RenderingCancelledException') throw error;
      }
    },
    close: () => loading.destroy(),
  };
}
