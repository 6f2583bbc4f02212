// Body building: exactly the body of POST /api/screenings (api.md) from the draft, and the checks
// a step gets before Next.

import { SITES } from './fields.js';
import { compact } from './api.js';
import { STEPS } from './patient-steps.js';
import { state } from './patient-state.js';

/** Exactly the body of POST /api/screenings: unanswered questions left out, "I'm not sure" as "unknown", ECOG not sure as nothing. */
export function buildBody() {
  const a = state.draft.answers;
  const c = state.draft.contact;
  const male = a.sex === 'male';
  const ecog = ['0', '1', '2', '3', '4'].includes(String(a.ecog)) ? Number(a.ecog) : undefined;
  const answers = compact({
    dateOfBirth: a.dateOfBirth,
    sex: a.sex,
    breastCancer: a.breastCancer,
    distantMetastasis: a.distantMetastasis,
    metastaticSites: SITES.filter((s) => (a.metastaticSites ?? []).includes(s)),
    diseaseStatus: a.diseaseStatus,
    primaryTissue: a.primaryTissue,
    scheduledClinicalBiopsy: a.scheduledClinicalBiopsy === 'yes' ? { site: a.biopsySite, date: a.biopsyDate } : undefined,
    willingResearchBiopsy: a.willingResearchBiopsy,
    effusionCytologyConfirmed: a.effusionCytologyConfirmed,
    ecog,
    canConsent: a.canConsent,
    pregnant: male ? undefined : a.pregnant,
    localAnestheticAllergy: a.localAnestheticAllergy,
    cognitiveImpairment: a.cognitiveImpairment,
  }) ?? {};
  const contact = compact({
    name: c.name.trim(),
    email: c.email.trim(),
    phone: c.phone.trim(),
    preferredLanguage: state.lang,
  });
  return { id: state.draft.id, answers, contact, consentToContact: true };
}

/** Client checks of step `i`: only what needs no server knowledge. */
export function checkStep(i) {
  const errors = {};
  const a = state.draft.answers;
  const c = state.draft.contact;
  if (STEPS[i].fields?.includes('scheduledClinicalBiopsy') && a.scheduledClinicalBiopsy === 'yes') {
    if (!a.biopsySite) errors.biopsySite = [{ code: 'biopsySite' }];
    if (!a.biopsyDate) errors.biopsyDate = [{ code: 'biopsyDate' }];
  }
  if (STEPS[i].contact) {
    if (!c.name.trim()) errors.name = [{ code: 'nameRequired' }];
    if (!c.email.trim() && !c.phone.trim()) errors.email = [{ code: 'reachRequired' }];
    if (!c.consent) errors.consent = [{ code: 'consentRequired' }];
  }
  return errors;
}
