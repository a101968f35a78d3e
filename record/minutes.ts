/**
 * The minutes of a hearing, generated from its record and nothing else (plus the hearing's and the
 * participants' rows, and the places of the two sites). Every field the minutes state can be traced
 * to an entry of the record by its number (`chronology[].seq`), and the minutes name the last entry
 * they cover with its hash, so that a signed copy anchors the record itself.
 *
 * The minutes cover the record up to the first `minutes.signed` entry: what the record says about
 * the minutes themselves (signing, countersigning, transmission) comes after them. Generating them again from the
 * same record gives the same bytes, which is what lets a signature be checked at any time.
 *
 * What the court's state holds, the minutes read from it: the covered entries are folded with the
 * court's own fold (`minutes-court.ts`), and the record gives the rest — times, numbers, words.
 *
 * Protective measures: a person heard with a pseudonym is named by it everywhere, their real name
 * is replaced by it in every free text (reasons typed during the hearing included), and the details
 * of their identity document are left out; the minutes say only how the identity was verified.
 */
import type { CourtroomState } from '../courtroom/index.js';
import { courtLanguageOf, type Hearing, type Participant } from '../scheduling/index.js';
import type { HearingEvent } from '../store/index.js';
import { canonicalJson, GENESIS } from './chain.js';
import { Attendance } from './minutes-attendance.js';
import { CourtAlong, courtThrough } from './minutes-court.js';
import { readEntries, type ReadEntry } from './minutes-entries.js';
import { finishCourse, readCourse } from './minutes-course.js';
import { endShowings, readExhibits } from './minutes-exhibits.js';
import { readExtradition } from './minutes-extradition.js';
import { readFormalities } from './minutes-formalities.js';
import { emptyInterpretationMinutes, readInterpretation } from './minutes-interpretation.js';
import { minutesNames, withheldNames } from './minutes-names.js';
import { readingOf } from './minutes-reading.js';
import { finishRecording, recordingReader } from './minutes-recording.js';
import { endAudioOnly, readTechnical } from './minutes-technical.js';
import { MINUTES_FORMAT, type Minutes, type Sites } from './minutes-types.js';
import { MinutesWords, minutesWordsFor } from './minutes-words.js';

export {
  MINUTES_FORMAT,
  type GateName,
  type GatePassed,
  type InterpretationMinutes,
  type Minutes,
  type MinutesPerson,
  type PersonHeard,
  type RecordingRun,
  type Site,
  type Sites,
  type SiteSide,
} from './minutes-types.js';
export { officerStatementText } from './minutes-course.js';

/**
 * Builds the minutes. `events` is the hearing's record in number order (as `store.events.list`
 * gives it); entries from the first `minutes.signed` on are not part of the minutes.
 *
 * They are written in the court's language and, where the requested state's officer speaks
 * another language the minutes have words for, again in hers (`translation`): both versions are
 * drawn from the same entries, and the judge signs and the officer countersigns both at once.
 */
export function generateMinutes(hearing: Hearing, participants: readonly Participant[], events: readonly HearingEvent[], sites: Sites = {}): Minutes {
  const firstSigned = events.findIndex((e) => e.type === 'minutes.signed' || e.type === 'minutes.countersigned' || e.type === 'minutes.transmitted');
  const covered = firstSigned === -1 ? [...events] : events.slice(0, firstSigned);
  const entries = readEntries(covered);
  const court = courtThrough(entries);
  const languages = { court: courtLanguageOf(hearing, participants), requested: requestedLanguageOf(hearing, participants) };
  // A court whose language has no catalogue reads English minutes, which say so (`languages` keeps the tag).
  const courtWords = minutesWordsFor(languages.court) ?? new MinutesWords('en');
  const requestedWords = minutesWordsFor(languages.requested);
  const minutes = minutesIn(courtWords, languages, hearing, participants, entries, court, sites);
  if (requestedWords && requestedWords.language !== courtWords.language) {
    minutes.translation = minutesIn(requestedWords, languages, hearing, participants, entries, court, sites);
  }
  return minutes;
}

/** The requested state's language: its officer's, else the court's (then one version serves both). */
function requestedLanguageOf(hearing: Hearing, participants: readonly Participant[]): string {
  return participants.find((p) => p.role === 'requested_officer' && p.language)?.language ?? courtLanguageOf(hearing, participants);
}

/**
 * One version of the minutes, every word of it in `w`'s language. `court` is the court as the
 * covered entries leave it; each entry is read against the court as it leaves that entry.
 */
function minutesIn(
  w: MinutesWords,
  languages: Minutes['languages'],
  hearing: Hearing,
  participants: readonly Participant[],
  entries: readonly ReadEntry[],
  court: CourtroomState,
  sites: Sites,
): Minutes {
  const names = minutesNames(w, participants, court, entries);
  const covered = entries.map((entry) => entry.event);
  const minutes: Minutes = {
    format: MINUTES_FORMAT,
    language: w.language,
    languages,
    status: 'draft',
    hearing: {
      id: hearing.id,
      title: hearing.title,
      caseReference: hearing.caseReference,
      scheduledStart: hearing.scheduledStart,
      scheduledEnd: hearing.scheduledEnd,
    },
    dates: [],
    times: { opened: null, inSession: null, ended: null, endReason: null, endedBy: null },
    sites: { requesting: sites.requesting ?? null, requested: sites.requested ?? null },
    personsHeard: [],
    participants: [],
    gates: [],
    oaths: [],
    consent: { given: [], withdrawn: [] },
    testimony: [],
    interventions: [],
    officerStatement: null,
    interpreters: [],
    privilegeClaims: [],
    pauses: [],
    consultations: [],
    interpretation: emptyInterpretationMinutes(participants, names.nameOf, w),
    recording: { made: false, segments: [], statement: w.t('recording.none'), runs: [], gaps: [] },
    technical: { endpoints: [], incidents: [], interruptions: [], audioOnly: [] },
    chronology: [],
    record: { hearingId: hearing.id, entries: covered.length, throughSeq: covered.at(-1)?.seq ?? 0, hashThrough: covered.at(-1)?.hash ?? GENESIS },
    translation: null,
  };

  const attendance = new Attendance(participants, sites, names, w);
  const readRecording = recordingReader();
  const along = new CourtAlong();
  for (const entry of entries) {
    const { event } = entry;
    if (!entry.readable) {
      minutes.chronology.push({ seq: event.seq, at: event.at, text: w.t('chron.unreadable', { type: event.type }) });
      continue;
    }
    const ended = along.fold(event);
    const r = readingOf(event, entry.data, along.state, minutes, w, names);
    readInterpretation(r);
    attendance.read(r);
    readCourse(r);
    readFormalities(r);
    readExtradition(r);
    readExhibits(r);
    readRecording(r);
    readTechnical(r);
    endAudioOnly(minutes, w, ended, event.at);
  }

  finishCourse(minutes, court, covered);
  endShowings(minutes, minutes.times.ended);
  finishRecording(minutes, w);
  attendance.finish(minutes, names, court);
  return withheldNames(minutes, participants, names.pseudonyms);
}

/** The exact bytes that are signed, served and hashed: the canonical JSON of the minutes. */
export function minutesJson(minutes: Minutes): string {
  return canonicalJson(minutes);
}
