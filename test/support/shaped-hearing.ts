/**
 * A hearing whose server listens on the host's end of a shaped link, with two Chromiums playing the
 * same tone: one on the host (clean), one inside the link's namespace (every packet crosses the
 * link). What every weak-link test starts from.
 */
import type { Browser } from 'playwright-core';
import type { Capacity, Role } from '../../scheduling/index.js';
import { toneFile } from './media-files.js';
import { createShapedLink, type ShapedLink } from './shaped-network.js';
import { startServerOn, type ServerOnAddress } from './shaped-server.js';
import type { TestHearing } from './server.js';

export interface ShapedHearing {
  link: ShapedLink;
  running: ServerOnAddress;
  court: TestHearing;
  clean: Browser;
  weak: Browser;
  close(): Promise<void>;
}

export async function openShapedHearing(people: { name: string; role: Role; capacity?: Capacity }[]): Promise<ShapedHearing> {
  const link = createShapedLink();
  let running: ServerOnAddress | undefined;
  let browsers: Browser[] = [];
  const close = async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await running?.close();
    link.close();
  };
  try {
    running = await startServerOn(link.hostAddress);
    const origin = new URL(running.server.url).origin;
    const tone = toneFile(440);
    browsers = await Promise.all([
      link.launchChromium({ origin, insideNamespace: false, audioFile: tone }),
      link.launchChromium({ origin, insideNamespace: true, audioFile: tone }),
    ]);
    const court = await running.hearingWith(people);
    return { link, running, court, clean: browsers[0]!, weak: browsers[1]!, close };
  } catch (error) {
    await close();
    throw error;
  }
}
