/**
 * A request drafted by the requesting court: the case, the legal basis, who conducts the hearing and
 * who is heard, the windows it proposes and the resources it books. The person heard becomes a
 * resource of their own, so two hearings can never summon them at the same time; the hearing's record
 * starts with the draft.
 */
import type { NewInvitedParticipant, Store } from '../store/index.js';
import { ROLE_LABELS } from '../model/roles.js';
import { resolveWindows, type Actor, type DraftInput } from './coordinator-input.js';
import { SchedulingError, said } from './errors.js';
import type { HearingRequest } from './request.js';
import { ownResources } from './request-resources.js';
import { authorityOf } from './sites.js';

export async function draftRequest(store: Store, now: () => Date, actor: Actor, input: DraftInput): Promise<HearingRequest> {
  if (input.requestedAuthorityId === actor.authorityId) {
    throw new SchedulingError('invalid_input', said('api.ownAuthority', { field: 'requestedAuthorityId' }), 'requestedAuthorityId');
  }
  const [requesting, requested] = await Promise.all([authorityOf(store, actor.authorityId), store.authorities.get(input.requestedAuthorityId)]);
  if (!requested) throw new SchedulingError('invalid_input', said('api.noSuchAuthority', { field: 'requestedAuthorityId' }), 'requestedAuthorityId');
  await ownResources(store, actor, input.resourceIds, 'resourceIds');
  const proposedWindows = resolveWindows(input.proposedWindows, input.durationMinutes, 'proposedWindows', now);
  // The person heard is a resource too, so that two hearings can never summon them at the same time.
  const person = await store.authorities.createResource({
    authorityId: actor.authorityId,
    kind: 'person',
    name: input.person.name,
    languages: [input.person.language],
    email: null,
  });
  const people: NewInvitedParticipant[] = [
    ...input.conductedBy.map((c) => ({
      displayName: c.name,
      role: c.role,
      capacity: null,
      authorityId: requesting.id,
      email: c.email ?? null,
      timeZone: requesting.timeZone,
      language: input.hearingLanguage,
    })),
    {
      displayName: input.person.name,
      role: 'person_heard',
      capacity: input.person.capacity,
      authorityId: requested.id,
      email: input.person.email ?? null,
      timeZone: requested.timeZone,
      language: input.person.language,
      vulnerability: input.person.vulnerability ?? null,
    },
    // Beside her at the requested state's site, in her language unless another is given.
    ...(input.person.supportPerson
      ? [
          {
            displayName: input.person.supportPerson.name,
            role: 'support_person' as const,
            capacity: null,
            authorityId: requested.id,
            email: input.person.supportPerson.email ?? null,
            timeZone: requested.timeZone,
            language: input.person.supportPerson.language ?? input.person.language,
          },
        ]
      : []),
  ];
  const request = await store.requests.create(
    {
      title: input.title,
      caseReference: input.caseReference,
      requestingAuthorityId: requesting.id,
      requestedAuthorityId: requested.id,
      details: {
        legalBasis: input.legalBasis,
        reasonsNotInPerson: input.reasonsNotInPerson,
        conductedBy: input.conductedBy.map((c) => ({ name: c.name, function: ROLE_LABELS[c.role], role: c.role })),
        person: {
          name: input.person.name,
          nationality: input.person.nationality ?? null,
          capacity: input.person.capacity,
          language: input.person.language,
          ...(input.person.vulnerability ? { vulnerability: input.person.vulnerability, supportPerson: input.person.supportPerson?.name ?? null } : {}),
        },
        hearingLanguage: input.hearingLanguage,
        interpretation: input.interpretation,
      },
      proposedWindows,
      durationMinutes: input.durationMinutes,
      resourceIds: [...input.resourceIds, person.id],
      people,
    },
    actor.coordinatorId,
  );
  // The hearing's own record starts here; the exchange between coordinators has its log beside it.
  await store.events.append(request.hearingId, { type: 'hearing.created', actorId: actor.coordinatorId, data: { source: 'cross-border request' } });
  return request;
}
