// The form's steps, and where each answer (and each error) lives.

export const STEPS = [
  { fields: ['dateOfBirth', 'sex'] },
  { fields: ['breastCancer', 'distantMetastasis', 'metastaticSites', 'diseaseStatus'] },
  { fields: ['primaryTissue'], intro: 'tissueIntro' },
  { fields: ['scheduledClinicalBiopsy', 'willingResearchBiopsy', 'effusionCytologyConfirmed'], intro: 'biopsiesIntro' },
  { fields: ['ecog', 'canConsent', 'pregnant', 'localAnestheticAllergy', 'cognitiveImpairment'], intro: 'healthIntro' },
  { fields: ['name', 'email', 'phone', 'consent'], intro: 'contactIntro', contact: true },
  { review: true },
];
export const REVIEW = STEPS.length - 1;
export const TOTAL = STEPS.length;

/** Every error key in the order of the form, with its step: a field, or a part of one. */
export const ERROR_KEYS = [];
STEPS.forEach((s, i) => (s.fields ?? []).forEach((f) => {
  ERROR_KEYS.push({ key: f, step: i });
  if (f === 'scheduledClinicalBiopsy') ERROR_KEYS.push({ key: 'biopsySite', step: i }, { key: 'biopsyDate', step: i });
}));
export const stepOfKey = (key) => ERROR_KEYS.find((k) => k.key === key)?.step;
export const orderOfKey = (key) => ERROR_KEYS.findIndex((k) => k.key === key);

/** The error key that a problem's JSON path (answers.ecog, contact.phone, consentToContact) belongs to, or null. */
export function keyOfPath(path) {
  const a = /^answers\.([A-Za-z]+)(.*)$/.exec(path);
  if (a) {
    const [, name, rest] = a;
    if (name === 'scheduledClinicalBiopsy') {
      if (rest.startsWith('.site')) return 'biopsySite';
      if (rest.startsWith('.date')) return 'biopsyDate';
    }
    return stepOfKey(name) === undefined || STEPS[stepOfKey(name)].contact ? null : name;
  }
  const c = /^contact(?:\.([A-Za-z]+))?$/.exec(path);
  if (c) {
    if (!c[1]) return 'email'; // the contact as a whole: "give an e-mail address or a phone number"
    return ['name', 'email', 'phone'].includes(c[1]) ? c[1] : null;
  }
  return path === 'consentToContact' ? 'consent' : null;
}
