// Plain values the browser's forms share with the schemas in ./account-wizard: no zod here, so a form can
// use them without loading zod (a form loads its schema when first used: components/forms).

export const WIZARD_STEPS = ['account', 'services', 'security', 'options'] as const;
export type WizardSection = (typeof WIZARD_STEPS)[number];
export type WizardStep = 1 | 2 | 3 | 4;

/** The step (1–4) of a section, and back. */
export function stepOf(section: WizardSection): WizardStep {
  return (WIZARD_STEPS.indexOf(section) + 1) as WizardStep;
}
export function sectionOf(step: WizardStep): WizardSection {
  return WIZARD_STEPS[step - 1] as WizardSection;
}
