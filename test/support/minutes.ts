/** The minutes of a test server's hearing as the record stands now, with the two sites the tests use. */
import { generateMinutes, type Minutes, type Sites } from '../../record/index.js';
import type { TestHearing, TestServer } from './server.js';

export const TEST_SITES: Sites = {
  requesting: { authority: 'Landgericht Berlin', place: 'Berlin, Germany', timeZone: 'Europe/Berlin' },
  requested: { authority: 'Tribunale di Milano', place: 'Milan, Italy', timeZone: 'Europe/Rome' },
};

export async function minutesNow(server: TestServer, court: TestHearing, of: Sites['of'] = {}): Promise<Minutes> {
  const [participants, events] = await Promise.all([server.store.participants.listByHearing(court.hearing.id), server.store.events.list(court.hearing.id)]);
  return generateMinutes(court.hearing, participants, events, { ...TEST_SITES, of });
}
