/**
 * What the join page needs only from *Join* on — the mediasoup client (about two thirds of the
 * page's code), the quality reporter, and interpretation (the listening mix and the booth) — in a chunk of its own, fetched while the person looks at
 * the preview, so that on a slow link the link check, the words and the preview come first.
 */
export { PageInterpretation } from './interpretation.js';
export { MediaSession } from './media-session.js';
export { QualityReporter } from './quality-reporter.js';
export { SourceMasks } from './masking.js';
