// Form values ↔ request bodies. Forms hold what inputs give (empty strings, undefined); the API wants
// trimmed text and null for "not stated".
import type { Duty, DutyBody, PowerItem, ResponsibilityList, UpdatePowerItemDraftBody, UpdateResponsibilityListDraftBody } from '../api/types';
import type { ResponsibilityRoleName } from '../i18n/messages';
import { type CadenceDraft, fromCadenceDraft, toCadenceDraft } from './cadence';

/** Trimmed text, or null when nothing is left. */
export function textOrNull(value: string | null | undefined): string | null {
  const t = value?.trim() ?? '';
  return t.length > 0 ? t : null;
}

export interface PowerItemFormValues {
  readonly code?: string;
  readonly name: string;
  readonly category: string;
  readonly handlingUnitCode: string;
  readonly legalBasis?: readonly { readonly title?: string; readonly docNo?: string | null }[];
  readonly subject?: string | null;
  readonly conditions?: string | null;
  readonly procedure?: string | null;
  readonly timeLimitDays?: number | null;
  readonly responsibility?: string | null;
  readonly supervisionMode?: string | null;
}

/** The fields of a power item version (create or update a draft); the flow is edited on its own. */
export function powerItemFields(values: PowerItemFormValues): UpdatePowerItemDraftBody {
  return {
    name: values.name.trim(),
    category: values.category.trim(),
    handlingUnitCode: values.handlingUnitCode,
    legalBasis: (values.legalBasis ?? []).flatMap((b) => {
      const title = textOrNull(b.title);
      return title === null ? [] : [{ title, docNo: textOrNull(b.docNo) }];
    }),
    subject: textOrNull(values.subject),
    conditions: textOrNull(values.conditions),
    procedure: textOrNull(values.procedure),
    timeLimitDays: typeof values.timeLimitDays === 'number' ? values.timeLimitDays : null,
    responsibility: textOrNull(values.responsibility),
    supervisionMode: textOrNull(values.supervisionMode),
  };
}

export function powerItemFormValues(item: PowerItem): PowerItemFormValues {
  return {
    code: item.code,
    name: item.name,
    category: item.category,
    handlingUnitCode: item.handlingUnitCode,
    legalBasis: item.legalBasis.map((b) => ({ title: b.title, docNo: b.docNo ?? null })),
    subject: item.subject,
    conditions: item.conditions,
    procedure: item.procedure,
    timeLimitDays: item.timeLimitDays,
    responsibility: item.responsibility,
    supervisionMode: item.supervisionMode,
  };
}

export interface DutyFormValues {
  readonly title?: string | null;
  readonly text: string;
  readonly cadence?: readonly CadenceDraft[];
  readonly evidence?: readonly string[];
  /** The evidence records the duty text names (`stated`), kept across edits. */
  readonly statedEvidence?: readonly string[];
}

export function dutyFormValues(duty: Duty): DutyFormValues {
  return {
    title: duty.title,
    text: duty.text,
    cadence: duty.cadence.map(toCadenceDraft),
    evidence: duty.evidence.map((e) => e.record),
    statedEvidence: duty.evidence.filter((e) => e.stated).map((e) => e.record),
  };
}

/** A duty as the API takes it; evidence keeps `stated` for records it had, new ones are not stated. */
export function dutyBody(values: DutyFormValues): DutyBody {
  const stated = new Set(values.statedEvidence ?? []);
  return {
    title: textOrNull(values.title),
    text: values.text.trim(),
    cadence: (values.cadence ?? []).map(fromCadenceDraft).filter((c) => Object.keys(c).length > 0),
    evidence: (values.evidence ?? []).map((record) => ({ record, stated: stated.has(record) })),
  };
}

export interface ListFormValues {
  readonly code?: string;
  readonly title: string;
  readonly role: ResponsibilityRoleName;
  readonly organisation?: string | null;
  readonly duties?: readonly DutyFormValues[];
}

/** The fields of a responsibility list version (create or update a draft). */
export function listFields(values: ListFormValues): UpdateResponsibilityListDraftBody {
  return {
    title: values.title.trim(),
    role: values.role,
    organisation: textOrNull(values.organisation),
    duties: (values.duties ?? []).map(dutyBody),
  };
}

export function listFormValues(list: ResponsibilityList): ListFormValues {
  return {
    code: list.code,
    title: list.title,
    role: list.role,
    organisation: list.organisation,
    duties: [...list.duties].sort((a, b) => a.number - b.number).map(dutyFormValues),
  };
}
