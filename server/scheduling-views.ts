/**
 * What the API returns about a request: the stored facts plus what the coordinator needs to read them
 * at a glance — every time at both sites (their own first), the actions open to them now, and names
 * instead of ids.
 */
import {
  ACTION_LABELS,
  REFUSAL_GROUND_LABELS,
  RESOURCE_KIND_LABELS,
  STAGE_LABELS,
  availableActions,
  bothSites,
  functionLabel,
  sideOf,
  summonsStanding,
  type Authority,
  type HearingRequest,
  type Resource,
  type SchedulingService,
  type TimeWindow,
} from '../scheduling/index.js';
import type { InvitedParticipant, RequestEvent } from '../store/index.js';

const site = (a: Authority) => ({ id: a.id, name: a.name, country: a.country, timeZone: a.timeZone });

export async function requestView(service: SchedulingService, request: HearingRequest, viewerAuthorityId: string, full = false) {
  const { requesting, requested } = await service.sites(request);
  const viewer = viewerAuthorityId === requested.id ? requested : requesting;
  const other = viewer === requested ? requesting : requested;
  const at = (w: TimeWindow | null) =>
    w && {
      start: w.start,
      end: w.end,
      atSites: bothSites(w.start, w.end, { zone: viewer.timeZone, site: viewer.name }, { zone: other.timeZone, site: other.name }),
    };
  const resources: Resource[] = await service.store.authorities.resources(request.resourceIds);
  const names = new Map([requesting, requested].map((a) => [a.id, a.name]));
  const base = {
    id: request.hearingId,
    title: request.title,
    caseReference: request.caseReference,
    stage: request.stage,
    stageLabel: STAGE_LABELS[request.stage],
    /** What a summons would be now: a draft until the time is agreed, none once refused or cancelled. */
    summons: summonsStanding(request.stage),
    side: sideOf(request, viewerAuthorityId),
    requesting: site(requesting),
    requested: site(requested),
    details: request.details,
    durationMinutes: request.durationMinutes,
    proposedWindows: request.proposedWindows.map(at),
    windowsProposedBy: names.get(request.windowsProposedBy) ?? null,
    slot: at(request.slot),
    slotProposedBy: request.slotProposedBy ? (names.get(request.slotProposedBy) ?? null) : null,
    test: at(request.test),
    testResult: request.testResult,
    decision: request.decision && { ...request.decision, groundLabel: request.decision.ground ? REFUSAL_GROUND_LABELS[request.decision.ground] : null },
    cancellationReason: request.cancellationReason,
    icsSequence: request.icsSequence,
    version: request.version,
    updatedAt: request.updatedAt,
    actions: availableActions(request, viewerAuthorityId).map((type) => ({ type, label: ACTION_LABELS[type] })),
    resources: resources.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: RESOURCE_KIND_LABELS[r.kind],
      name: r.name,
      languages: r.languages,
      authority: names.get(r.authorityId) ?? '',
    })),
  };
  if (!full) return base;
  const [people, events, coordinators] = await Promise.all([
    service.store.requests.people(request.hearingId),
    service.store.requests.events(request.hearingId),
    Promise.all([requesting, requested].map((a) => service.store.authorities.coordinatorsOf(a.id))),
  ]);
  const who = new Map(coordinators.flat().map((c) => [c.id, `${c.displayName} (${names.get(c.authorityId)})`]));
  return {
    ...base,
    people: people.map((p: InvitedParticipant) => ({
      id: p.id,
      name: p.displayName,
      function: functionLabel(p.role, p.capacity),
      role: p.role,
      capacity: p.capacity,
      authority: names.get(p.authorityId) ?? '',
      timeZone: p.timeZone,
      language: p.language,
      email: p.email,
    })),
    events: events.map((e: RequestEvent) => ({
      seq: e.seq,
      type: e.type,
      at: e.at,
      atSites: bothSites(e.at, e.at, { zone: viewer.timeZone, site: viewer.name }, { zone: other.timeZone, site: other.name }).map((s) =>
        s.text.replace(/ – \d\d:\d\d/, ''),
      ),
      /** The zones to show the moment in, the viewer's first: the page writes it in its reader's language. */
      zones: [viewer.timeZone, other.timeZone],
      /** The coordinator who took the step; null for the system (`system`) or someone no longer known. */
      by: e.actorId ? (who.get(e.actorId) ?? null) : null,
      system: e.actorId === null,
      data: e.data,
    })),
  };
}
