/**
 * The chunk with the mediasoup client, fetched once while the person looks at the preview; a failed
 * fetch (a dropped link) is tried again on the next call.
 */
let hearingModules: Promise<typeof import('../hearing-modules.js')> | null = null;

export function loadHearingModules(): Promise<typeof import('../hearing-modules.js')> {
  hearingModules ??= import('../hearing-modules.js').catch((error: unknown) => {
    hearingModules = null;
    throw error;
  });
  return hearingModules;
}
