import type { Migration } from './migration.js';

/**
 * Cross-border scheduling: authorities and their coordinators, sessions, resources, the request
 * between two authorities with its own event log (the exchange between the coordinators, apart from
 * the hearing's record of what happens in the courtroom), bookings and subscribable feeds.
 *
 * Double-booking is made impossible by the database itself: a booking holds one row per resource per
 * quarter hour in `booking_buckets`, whose primary key admits one booking per resource and quarter
 * hour. It works the same on SQLite and PostgreSQL, and under concurrent requests the second insert
 * fails instead of overlapping.
 */
export const scheduling: Migration = {
  version: 2,
  name: 'authorities, coordinators, hearing requests, bookings and calendar feeds',
  statements: [
    `CREATE TABLE authorities (
       id TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       country TEXT NOT NULL,
       time_zone TEXT NOT NULL,
       working_hours TEXT NOT NULL,
       holidays TEXT NOT NULL,
       buffer_minutes INTEGER NOT NULL,
       min_lead_days INTEGER NOT NULL,
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE coordinators (
       id TEXT PRIMARY KEY,
       authority_id TEXT NOT NULL REFERENCES authorities(id),
       email TEXT NOT NULL UNIQUE,
       display_name TEXT NOT NULL,
       password_hash TEXT NOT NULL,
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE coordinator_sessions (
       id_hash TEXT PRIMARY KEY,
       coordinator_id TEXT NOT NULL REFERENCES coordinators(id),
       created_at TEXT NOT NULL,
       expires_at TEXT NOT NULL
     )`,
    `CREATE TABLE resources (
       id TEXT PRIMARY KEY,
       authority_id TEXT NOT NULL REFERENCES authorities(id),
       kind TEXT NOT NULL,
       name TEXT NOT NULL,
       languages TEXT NOT NULL,
       email TEXT,
       created_at TEXT NOT NULL
     )`,
    `CREATE INDEX resources_by_authority ON resources(authority_id, kind)`,
    `CREATE TABLE hearing_requests (
       hearing_id TEXT PRIMARY KEY REFERENCES hearings(id),
       requesting_authority_id TEXT NOT NULL REFERENCES authorities(id),
       requested_authority_id TEXT NOT NULL REFERENCES authorities(id),
       stage TEXT NOT NULL,
       details TEXT NOT NULL,
       proposed_windows TEXT NOT NULL,
       windows_proposed_by TEXT NOT NULL,
       duration_minutes INTEGER NOT NULL,
       resource_ids TEXT NOT NULL,
       slot_start TEXT,
       slot_end TEXT,
       slot_proposed_by TEXT,
       test_start TEXT,
       test_end TEXT,
       test_result TEXT,
       decision TEXT,
       cancellation_reason TEXT,
       ics_sequence INTEGER NOT NULL,
       version INTEGER NOT NULL,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     )`,
    `CREATE INDEX hearing_requests_by_requesting ON hearing_requests(requesting_authority_id)`,
    `CREATE INDEX hearing_requests_by_requested ON hearing_requests(requested_authority_id)`,
    `CREATE TABLE request_events (
       hearing_id TEXT NOT NULL REFERENCES hearing_requests(hearing_id),
       seq INTEGER NOT NULL,
       at TEXT NOT NULL,
       actor_id TEXT,
       type TEXT NOT NULL,
       data TEXT NOT NULL,
       PRIMARY KEY (hearing_id, seq)
     )`,
    `CREATE TABLE participant_contacts (
       participant_id TEXT PRIMARY KEY REFERENCES participants(id),
       authority_id TEXT NOT NULL REFERENCES authorities(id),
       email TEXT,
       time_zone TEXT NOT NULL,
       language TEXT NOT NULL
     )`,
    `CREATE TABLE bookings (
       id TEXT PRIMARY KEY,
       resource_id TEXT NOT NULL REFERENCES resources(id),
       hearing_id TEXT NOT NULL REFERENCES hearings(id),
       purpose TEXT NOT NULL,
       start_at TEXT NOT NULL,
       end_at TEXT NOT NULL,
       occupied_from INTEGER NOT NULL,
       occupied_to INTEGER NOT NULL,
       created_at TEXT NOT NULL
     )`,
    `CREATE INDEX bookings_by_resource ON bookings(resource_id, occupied_from)`,
    `CREATE INDEX bookings_by_hearing ON bookings(hearing_id)`,
    `CREATE TABLE booking_buckets (
       resource_id TEXT NOT NULL,
       bucket INTEGER NOT NULL,
       booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
       PRIMARY KEY (resource_id, bucket)
     )`,
    `CREATE INDEX booking_buckets_by_booking ON booking_buckets(booking_id)`,
    `CREATE TABLE calendar_feeds (
       secret_hash TEXT PRIMARY KEY,
       authority_id TEXT NOT NULL REFERENCES authorities(id),
       resource_id TEXT REFERENCES resources(id),
       created_at TEXT NOT NULL,
       revoked_at TEXT
     )`,
  ],
};
