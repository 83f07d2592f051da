// Form values → request bodies of the approvals area: trimmed texts, null for what is not stated.
import type { EvaluationRatingName, MatterTypeName, StepActionName } from '../i18n/approvals';
import { termsBody, type TermsFormValues } from './terms';
import type { ActBody, CreateMatterBody, EvaluateBody, ExecutionReportBody, IssuanceBody } from './types';

/** The select's value for 一般事项 (the API's null). */
export const GENERAL_MATTER = 'general';

export function textOrNull(value: string | null | undefined): string | null {
  const t = value?.trim() ?? '';
  return t.length > 0 ? t : null;
}

export interface CreateMatterFormValues {
  readonly powerItemId: string;
  readonly title: string;
  readonly matterType: MatterTypeName | typeof GENERAL_MATTER;
  readonly terms?: TermsFormValues;
  readonly description: string;
}

export function createMatterBody(values: CreateMatterFormValues): CreateMatterBody {
  return {
    powerItemId: values.powerItemId,
    title: values.title.trim(),
    matterType: values.matterType === GENERAL_MATTER ? null : values.matterType,
    terms: termsBody(values.terms),
    description: values.description.trim(),
  };
}

export interface ActFormValues {
  readonly action: StepActionName;
  readonly opinion: string;
  readonly toStep?: number;
}

/** 办理: the target step only for 退回; the step seen open guards against a stale page. */
export function actBody(values: ActFormValues, stepOrder: number | null): ActBody {
  return {
    action: values.action,
    opinion: values.opinion.trim(),
    ...(values.action === 'return' && values.toStep !== undefined ? { toStep: values.toStep } : {}),
    ...(stepOrder === null ? {} : { stepOrder }),
  };
}

export interface IssuanceFormValues {
  readonly docNo: string;
  readonly title: string;
  readonly issuedOn: string;
  readonly terms?: TermsFormValues;
  readonly note?: string | null;
}

export function issuanceBody(values: IssuanceFormValues): IssuanceBody {
  return { docNo: values.docNo.trim(), title: values.title.trim(), issuedOn: values.issuedOn, terms: termsBody(values.terms), note: textOrNull(values.note) };
}

export interface ExecutionReportFormValues {
  readonly reportedOn: string;
  readonly progressPercent: number;
  readonly amountSpent?: number | null;
  readonly counterparty?: string | null;
  readonly note: string;
}

export function executionReportBody(values: ExecutionReportFormValues): ExecutionReportBody {
  return {
    reportedOn: values.reportedOn,
    progressPercent: values.progressPercent,
    amountSpent: typeof values.amountSpent === 'number' ? values.amountSpent : null,
    counterparty: textOrNull(values.counterparty),
    note: values.note.trim(),
  };
}

export interface EvaluateFormValues {
  readonly evaluatedOn: string;
  readonly rating: EvaluationRatingName;
  readonly summary: string;
  readonly indicators?: readonly { readonly name?: string; readonly target?: string; readonly actual?: string }[];
}

/** 执行后评价: indicators with a name only (an empty row added by mistake is dropped). */
export function evaluateBody(values: EvaluateFormValues): EvaluateBody {
  return {
    evaluatedOn: values.evaluatedOn,
    rating: values.rating,
    summary: values.summary.trim(),
    indicators: (values.indicators ?? []).flatMap((i) => {
      const name = textOrNull(i.name);
      return name === null ? [] : [{ name, target: i.target?.trim() ?? '', actual: i.actual?.trim() ?? '' }];
    }),
  };
}
