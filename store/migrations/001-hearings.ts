import type { Migration } from './migration.js';

export const hearingsAndEventLog: Migration = {
  version: 1,
  name: 'hearings, participants, join tokens and the event log',
  statements: [
    `CREATE TABLE hearings (
       id TEXT PRIMARY KEY,
       title TEXT NOT NULL,
       case_reference TEXT NOT NULL,
       status TEXT NOT NULL,
       scheduled_start TEXT NOT NULL,
       scheduled_end TEXT NOT NULL,
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE participants (
       id TEXT PRIMARY KEY,
       hearing_id TEXT NOT NULL REFERENCES hearings(id),
       display_name TEXT NOT NULL,
       role TEXT NOT NULL,
       capacity TEXT,
       created_at TEXT NOT NULL
     )`,
    `CREATE INDEX participants_by_hearing ON participants(hearing_id)`,
    `CREATE TABLE join_tokens (
       id TEXT PRIMARY KEY,
       hearing_id TEXT NOT NULL REFERENCES hearings(id),
       participant_id TEXT NOT NULL REFERENCES participants(id),
       issued_at TEXT NOT NULL,
       not_before TEXT NOT NULL,
       expires_at TEXT NOT NULL,
       revoked_at TEXT,
       revoked_reason TEXT
     )`,
    `CREATE INDEX join_tokens_by_participant ON join_tokens(participant_id)`,
    `CREATE TABLE hearing_events (
       hearing_id TEXT NOT NULL REFERENCES hearings(id),
       seq INTEGER NOT NULL,
       at TEXT NOT NULL,
       actor_id TEXT,
       type TEXT NOT NULL,
       data TEXT NOT NULL,
       PRIMARY KEY (hearing_id, seq)
     )`,
  ],
};
