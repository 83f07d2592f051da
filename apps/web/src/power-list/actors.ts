// 行权主体 and 监督主体 are `ActorRef {kind, ref}`: a role name, a unit's code, a post's code or an
// outside body's name. Saved flows come back with labels; while someone edits a flow the console
// names the refs itself, from the role table and the directory.
import type { ActorRef, OrgUnit, Post, ResolvedActor } from '../api/types';
import { ACTOR_KINDS, type ActorKindName, format, labelOf, type Messages, roleLabel } from '../i18n/messages';

/** Unit and post names by code, for naming refs. */
export interface DirectoryNames {
  readonly units: ReadonlyMap<string, string>;
  readonly posts: ReadonlyMap<string, string>;
}

export const NO_NAMES: DirectoryNames = { units: new Map(), posts: new Map() };

export function directoryNames(units: readonly OrgUnit[], posts: readonly Post[]): DirectoryNames {
  return { units: new Map(units.map((u) => [u.code, u.name])), posts: new Map(posts.map((p) => [p.code, p.name])) };
}

export function isActorKind(value: unknown): value is ActorKindName {
  return ACTOR_KINDS.some((k) => k === value);
}

export function isActorRef(value: unknown): value is ActorRef {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isActorKind(v['kind']) && typeof v['ref'] === 'string';
}

/** What people read for a ref; a unit or post missing from the directory shows its code. */
export function actorLabel(actor: ActorRef, m: Messages, names: DirectoryNames): string {
  switch (actor.kind) {
    case 'role':
      return roleLabel(m, actor.ref);
    case 'unit':
      return names.units.get(actor.ref) ?? actor.ref;
    case 'post':
      return names.posts.get(actor.ref) ?? actor.ref;
    case 'external':
      return actor.ref;
  }
}

/** The server's label, marked when the unit or post it names is gone from the directory. */
export function resolvedLabel(actor: ResolvedActor, m: Messages): string {
  return actor.resolved ? actor.label : format(m.actors.unresolved, { label: actor.label });
}

/** Drops the label: the ref as a request carries it. */
export function toActorRef(actor: ActorRef): ActorRef {
  return { kind: actor.kind, ref: actor.ref };
}

/** `kind:ref`, a stable key for lists and selects. */
export function actorKey(actor: ActorRef): string {
  return `${actor.kind}:${actor.ref}`;
}

/** A meeting step's bodies as the chart prints them: 党委会或委务会. */
export function meetingBodiesText(bodies: readonly string[], m: Messages): string {
  return bodies.map((b) => labelOf(m.meetingBodies, b)).join(m.flow.or);
}
