/**
 * Authorities (courts and central authorities), their coordinators and sign-in sessions, their
 * resources, and their calendar feeds. Secrets are never stored: sessions and feeds are found by the
 * SHA-256 of the random value the browser or the calendar holds.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RESOURCE_KINDS, type Authority, type Coordinator, type Resource, type RetentionPeriods, type WorkingPeriod } from '../scheduling/authority.js';
import type { SqlExecutor } from './driver.js';

const WorkingHours = z.array(z.object({ weekday: z.number().int().min(1).max(7), from: z.string(), to: z.string() }));
const Strings = z.array(z.string());

const AuthorityRow = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  time_zone: z.string(),
  working_hours: z.string(),
  holidays: z.string(),
  buffer_minutes: z.coerce.number().int(),
  min_lead_days: z.coerce.number().int(),
  created_at: z.string(),
  retention_recordings_days: z.coerce.number().int().nullable().optional(),
  retention_personal_days: z.coerce.number().int().nullable().optional(),
  retention_record_days: z.coerce.number().int().nullable().optional(),
});

function toAuthority(row: unknown): Authority {
  const r = AuthorityRow.parse(row);
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    timeZone: r.time_zone,
    workingHours: WorkingHours.parse(JSON.parse(r.working_hours)),
    holidays: Strings.parse(JSON.parse(r.holidays)),
    bufferMinutes: r.buffer_minutes,
    minLeadDays: r.min_lead_days,
    retention: {
      recordingsDays: r.retention_recordings_days ?? null,
      personalDataDays: r.retention_personal_days ?? null,
      recordDays: r.retention_record_days ?? null,
    },
    createdAt: r.created_at,
  };
}

const CoordinatorRow = z.object({
  id: z.string(),
  authority_id: z.string(),
  email: z.string(),
  display_name: z.string(),
  password_hash: z.string(),
  created_at: z.string(),
});

function toCoordinator(row: unknown): Coordinator & { passwordHash: string } {
  const r = CoordinatorRow.parse(row);
  return { id: r.id, authorityId: r.authority_id, email: r.email, displayName: r.display_name, passwordHash: r.password_hash, createdAt: r.created_at };
}

const ResourceRow = z.object({
  id: z.string(),
  authority_id: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  name: z.string(),
  languages: z.string(),
  email: z.string().nullable(),
  created_at: z.string(),
  retired_at: z.string().nullable(),
});

function toResource(row: unknown): Resource {
  const r = ResourceRow.parse(row);
  return {
    id: r.id,
    authorityId: r.authority_id,
    kind: r.kind,
    name: r.name,
    languages: Strings.parse(JSON.parse(r.languages)),
    email: r.email,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  };
}

export type NewAuthority = Omit<Authority, 'id' | 'createdAt'>;
export type AuthoritySettings = Pick<Authority, 'workingHours' | 'holidays' | 'bufferMinutes' | 'minLeadDays'> & { timeZone?: string };
export type NewResource = Omit<Resource, 'id' | 'createdAt' | 'retiredAt'>;
export type ResourceChanges = Pick<Resource, 'name' | 'languages' | 'email'>;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function authorityRepository(db: SqlExecutor) {
  return {
    async create(input: NewAuthority): Promise<Authority> {
      const authority: Authority = { id: randomUUID(), createdAt: new Date().toISOString(), ...input };
      await db.run(
        `INSERT INTO authorities (id, name, country, time_zone, working_hours, holidays, buffer_minutes, min_lead_days, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          authority.id,
          authority.name,
          authority.country,
          authority.timeZone,
          JSON.stringify(authority.workingHours),
          JSON.stringify(authority.holidays),
          authority.bufferMinutes,
          authority.minLeadDays,
          authority.createdAt,
        ],
      );
      return authority;
    },
    async get(id: string): Promise<Authority | null> {
      const [row] = await db.all('SELECT * FROM authorities WHERE id = ?', [id]);
      return row ? toAuthority(row) : null;
    },
    async findByName(name: string): Promise<Authority | null> {
      const [row] = await db.all('SELECT * FROM authorities WHERE name = ?', [name]);
      return row ? toAuthority(row) : null;
    },
    async list(): Promise<Authority[]> {
      return (await db.all('SELECT * FROM authorities ORDER BY country, name')).map(toAuthority);
    },
    async updateSettings(id: string, settings: AuthoritySettings): Promise<void> {
      // Wall-clock rules (hours, holidays) are read in a new zone from now on; booked instants stay.
      await db.run(
        'UPDATE authorities SET working_hours = ?, holidays = ?, buffer_minutes = ?, min_lead_days = ?, time_zone = COALESCE(?, time_zone) WHERE id = ?',
        [
          JSON.stringify(settings.workingHours satisfies WorkingPeriod[]),
          JSON.stringify(settings.holidays),
          settings.bufferMinutes,
          settings.minLeadDays,
          settings.timeZone ?? null,
          id,
        ],
      );
    },

    /** The authority's retention periods (retention/), applied to its closed hearings from the next sweep. */
    async setRetention(id: string, periods: RetentionPeriods): Promise<void> {
      await db.run('UPDATE authorities SET retention_recordings_days = ?, retention_personal_days = ?, retention_record_days = ? WHERE id = ?', [
        periods.recordingsDays,
        periods.personalDataDays,
        periods.recordDays,
        id,
      ]);
    },

    async createCoordinator(input: Omit<Coordinator, 'id' | 'createdAt'> & { passwordHash: string }): Promise<Coordinator> {
      const coordinator = { id: randomUUID(), createdAt: new Date().toISOString(), ...input };
      await db.run('INSERT INTO coordinators (id, authority_id, email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        coordinator.id,
        coordinator.authorityId,
        coordinator.email,
        coordinator.displayName,
        coordinator.passwordHash,
        coordinator.createdAt,
      ]);
      const { passwordHash: _hidden, ...visible } = coordinator;
      return visible;
    },
    async coordinatorByEmail(email: string): Promise<(Coordinator & { passwordHash: string }) | null> {
      const [row] = await db.all('SELECT * FROM coordinators WHERE email = ?', [email]);
      return row ? toCoordinator(row) : null;
    },
    async coordinator(id: string): Promise<Coordinator | null> {
      const [row] = await db.all('SELECT * FROM coordinators WHERE id = ?', [id]);
      if (!row) return null;
      const { passwordHash: _hidden, ...visible } = toCoordinator(row);
      return visible;
    },
    async coordinatorsOf(authorityId: string): Promise<Coordinator[]> {
      const rows = await db.all('SELECT * FROM coordinators WHERE authority_id = ? ORDER BY created_at', [authorityId]);
      return rows.map((row) => {
        const { passwordHash: _hidden, ...visible } = toCoordinator(row);
        return visible;
      });
    },

    async createSession(idHash: string, coordinatorId: string, expiresAt: string): Promise<void> {
      await db.run('INSERT INTO coordinator_sessions (id_hash, coordinator_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
        idHash,
        coordinatorId,
        new Date().toISOString(),
        expiresAt,
      ]);
    },
    /** The coordinator behind a live session, or null when unknown or expired. */
    async sessionCoordinator(idHash: string, now: string): Promise<Coordinator | null> {
      const [row] = await db.all(
        `SELECT c.* FROM coordinator_sessions s JOIN coordinators c ON c.id = s.coordinator_id
         WHERE s.id_hash = ? AND s.expires_at > ?`,
        [idHash, now],
      );
      if (!row) return null;
      const { passwordHash: _hidden, ...visible } = toCoordinator(row);
      return visible;
    },
    async deleteSession(idHash: string): Promise<void> {
      await db.run('DELETE FROM coordinator_sessions WHERE id_hash = ?', [idHash]);
    },

    async createResource(input: NewResource): Promise<Resource> {
      const resource: Resource = { id: randomUUID(), createdAt: new Date().toISOString(), retiredAt: null, ...input };
      await db.run('INSERT INTO resources (id, authority_id, kind, name, languages, email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        resource.id,
        resource.authorityId,
        resource.kind,
        resource.name,
        JSON.stringify(resource.languages),
        resource.email,
        resource.createdAt,
      ]);
      return resource;
    },
    /** The resources the authority books now; retired ones are left out. */
    async resourcesOf(authorityId: string): Promise<Resource[]> {
      return (await db.all('SELECT * FROM resources WHERE authority_id = ? AND retired_at IS NULL ORDER BY kind, name', [authorityId])).map(toResource);
    },
    /** Changes a resource of this authority that is still booked; false when there is none. */
    async updateResource(authorityId: string, id: string, changes: ResourceChanges): Promise<boolean> {
      const changed = await db.run('UPDATE resources SET name = ?, languages = ?, email = ? WHERE id = ? AND authority_id = ? AND retired_at IS NULL', [
        changes.name,
        JSON.stringify(changes.languages),
        changes.email,
        id,
        authorityId,
      ]);
      return changed > 0;
    },
    /** Stops booking a resource of this authority; false when there is none still booked. */
    async retireResource(authorityId: string, id: string, at: string): Promise<boolean> {
      return (await db.run('UPDATE resources SET retired_at = ? WHERE id = ? AND authority_id = ? AND retired_at IS NULL', [at, id, authorityId])) > 0;
    },
    async resources(ids: readonly string[]): Promise<Resource[]> {
      if (ids.length === 0) return [];
      return (await db.all(`SELECT * FROM resources WHERE id IN (${placeholders(ids.length)})`, ids)).map(toResource);
    },

    async createFeed(secretHash: string, authorityId: string, resourceId: string | null, language: string | null = null): Promise<void> {
      await db.run('INSERT INTO calendar_feeds (secret_hash, authority_id, resource_id, language, created_at) VALUES (?, ?, ?, ?, ?)', [
        secretHash,
        authorityId,
        resourceId,
        language,
        new Date().toISOString(),
      ]);
    },
    async feed(secretHash: string): Promise<{ authorityId: string; resourceId: string | null; language: string | null } | null> {
      const [row] = await db.all('SELECT authority_id, resource_id, language FROM calendar_feeds WHERE secret_hash = ? AND revoked_at IS NULL', [secretHash]);
      if (!row) return null;
      const r = z.object({ authority_id: z.string(), resource_id: z.string().nullable(), language: z.string().nullable() }).parse(row);
      return { authorityId: r.authority_id, resourceId: r.resource_id, language: r.language };
    },
    /** Earlier feed URLs of the same calendar stop working when a new one is made. */
    async revokeFeeds(authorityId: string, resourceId: string | null): Promise<void> {
      await db.run(
        `UPDATE calendar_feeds SET revoked_at = ? WHERE authority_id = ? AND revoked_at IS NULL AND ${resourceId === null ? 'resource_id IS NULL' : 'resource_id = ?'}`,
        resourceId === null ? [new Date().toISOString(), authorityId] : [new Date().toISOString(), authorityId, resourceId],
      );
    },
  };
}
export type AuthorityRepository = ReturnType<typeof authorityRepository>;
