/** Why a return (退回) to `toStep` is not allowed from `currentStep`, or null: only to an earlier step, named. */
export function returnRefusal(currentStep: number, toStep: number | undefined): string | null {
  if (toStep === undefined) return '退回须指明退回到哪一步（toStep） / a return needs toStep';
  if (currentStep <= 1) return `第 ${currentStep} 步之前没有可退回的步骤 / there is no earlier step to return to (toStep)`;
  if (!Number.isInteger(toStep) || toStep < 1 || toStep >= currentStep) return `只能退回到第 1 至第 ${currentStep - 1} 步 / toStep must be an earlier step (1–${currentStep - 1})`;
  return null;
}

/** The step after `currentStep` (1-based), or null after the last. */
export function nextStep(currentStep: number, stepCount: number): number | null {
  return currentStep < stepCount ? currentStep + 1 : null;
}
