import { type PowerListBundle } from './excel-bundle';
import { type BlockRow, type CadenceRow, type DutyRow, type ItemRow, type ListRow, type PostRow, type StepRow, type UnitRow } from './excel-sheets';

/** A bundle as the rows of each sheet, in the bundle's order: steps and duties numbered from 1. */
export interface BundleRows {
  readonly units: UnitRow[];
  readonly posts: PostRow[];
  readonly items: ItemRow[];
  readonly steps: StepRow[];
  readonly blocks: BlockRow[];
  readonly lists: ListRow[];
  readonly duties: DutyRow[];
  readonly cadences: CadenceRow[];
}

export function disassemble(bundle: PowerListBundle): BundleRows {
  const items = bundle.powerItems;
  const lists = bundle.responsibilityLists;
  return {
    units: bundle.orgUnits,
    posts: bundle.posts,
    items: items.map((i) => ({
      code: i.code,
      name: i.name,
      category: i.category,
      handlingUnitCode: i.handlingUnitCode,
      subject: i.subject ?? null,
      legalBasis: i.legalBasis ?? [],
      conditions: i.conditions ?? null,
      procedure: i.procedure ?? null,
      timeLimitDays: i.timeLimitDays ?? null,
      responsibility: i.responsibility ?? null,
      supervisionMode: i.supervisionMode ?? null,
    })),
    steps: items.flatMap((i) =>
      (i.flow?.steps ?? []).map((s, n) => ({
        itemCode: i.code,
        order: n + 1,
        name: s.name ?? null,
        kind: s.kind,
        actor: s.actor ?? null,
        meetingBodies: s.meetingBodies ?? [],
        timeLimitDays: s.timeLimitDays ?? null,
        riskPoints: s.riskPoints ?? [],
        controlMeasures: s.controlMeasures ?? [],
        internalSupervisors: s.internalSupervisors ?? [],
        externalSupervisors: s.externalSupervisors ?? [],
      })),
    ),
    blocks: items.flatMap((i) =>
      (i.flow?.sharedBlocks ?? []).map((b) => ({ itemCode: i.code, id: b.id, appliesToSteps: b.appliesToSteps, riskPoints: b.riskPoints, controlMeasures: b.controlMeasures })),
    ),
    lists: lists.map((l) => ({ code: l.code, title: l.title, role: l.role, organisation: l.organisation ?? null })),
    duties: lists.flatMap((l) =>
      l.duties.map((d, n) => ({
        listCode: l.code,
        number: n + 1,
        title: d.title ?? null,
        text: d.text,
        statedEvidence: (d.evidence ?? []).filter((e) => e.stated === true).map((e) => e.record),
        inferredEvidence: (d.evidence ?? []).filter((e) => e.stated !== true).map((e) => e.record),
      })),
    ),
    // Cadences of a canonical bundle are plain objects without empty keys.
    cadences: lists.flatMap((l) => l.duties.flatMap((d, n) => (d.cadence ?? []).map((c): CadenceRow => Object.assign({ listCode: l.code, dutyNumber: n + 1 }, c)))),
  };
}
