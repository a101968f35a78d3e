/**
 * Who is large on this viewer's stage. Whom the court shows to all comes first. Otherwise the person
 * heard sees whoever speaks to her (the presiding judge while nobody does), and an interpreter
 * whoever they render (the person heard while nobody speaks): both follow the voice. Everyone else
 * sees the person heard, and under her, large, whoever else has the floor. A person who reads sign
 * language keeps the interpreter into it large whatever happens, with whoever speaks beside. Nobody
 * is shown their own voice.
 */
import type { CourtView, ParticipantView } from '../../../signaling/protocol.js';
import type { Stage } from '../tiles.js';

export function arrangeStage(
  stage: Stage,
  view: CourtView | null,
  self: ParticipantView | null,
  people: ReadonlyMap<string, ParticipantView>,
  /** Who has the floor by their voice (FloorFocus). */
  floorSpeaker: string | null,
): void {
  if (!view) return;
  const selfId = self?.id;
  const present = [...people.values()].filter((p) => p.id !== selfId);
  const isPersonHeard = self?.role === 'person_heard';
  const followsVoice = isPersonHeard || self?.role === 'interpreter';
  const speaker = present.some((p) => p.id === floorSpeaker) ? floorSpeaker : null;
  const usual = present.find((p) => p.role === (isPersonHeard ? 'presiding_judge' : 'person_heard'))?.id ?? null;
  // A person who reads sign language keeps her interpreter large whoever speaks: the voice she follows is the signing.
  const signing = view.you.signInterpreter && present.some((p) => p.id === view.you.signInterpreter) ? view.you.signInterpreter : null;
  const featured = signing ?? view.spotlight ?? (followsVoice ? (speaker ?? usual) : (usual ?? speaker));
  stage.setSpotlight(view.spotlight);
  stage.setFeatured(featured);
  stage.setSigning(signing !== null);
  stage.setSpeaker(signing ? (view.spotlight ?? speaker ?? usual) : !followsVoice && speaker !== featured ? speaker : null);
}
