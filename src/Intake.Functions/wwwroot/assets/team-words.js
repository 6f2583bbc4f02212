// The team page's words: how the service's codes read on the page (results, kinds, statuses,
// criteria, contact attempts). The service's own values stay the keys, exactly as api.md and api-2.md
// spell them.

export const RESULT = { LikelyEligible: 'Likely eligible', NeedsReview: 'Needs review', LikelyIneligible: 'Likely ineligible' };
export const KIND = { selfScreening: 'Self-screening', referral: 'Referral' };
export const STATUS = { Received: 'Awaiting pre-check', Prechecked: 'Pre-checked, being routed', Routed: 'On the worklist', ScreenedOut: 'On the screened-out list', NotGenuine: 'Marked not genuine: off the lists, kept 30 days for review' };
export const TEAM_STATUSES = ['New', 'Contacted', 'Scheduled', 'Enrolled', 'Declined', 'NotEligible', 'Unreachable'];
export const TEAM_STATUS_LABEL = { New: 'New', Contacted: 'Contacted', Scheduled: 'Scheduled', Enrolled: 'Enrolled', Declined: 'Declined', NotEligible: 'Not eligible', Unreachable: 'Unreachable' };
export const REFERRER_STATUSES = { Received: 'Received', UnderReview: 'Under review', Contacted: 'Contacted', Enrolled: 'Enrolled', NotEnrolled: 'Not enrolled' };
export const OUTCOME = { Met: 'Met', NotMet: 'Not met', Unknown: 'Unknown', NotApplicable: 'Not applicable', ClinicianReview: 'Clinician review' };
export const CRITERIA = {
  I1: 'Invasive breast cancer, confirmed or suspected',
  I2: 'Distant metastatic disease on imaging',
  I3: 'Progression, or de novo stage IV',
  I4: 'Archived primary tissue',
  I5: 'Accessible lesion (Type 1 or Type 2)',
  I6: 'Cytology, if fluid is the source',
  I7: 'Age 18 or older',
  I8: 'ECOG 0–2',
  I9: 'Able and willing to consent',
  E1: 'Concurrent disease making participation inappropriate',
  E2: 'Disorder interfering with safety during the procedure',
  E3: 'Dementia, altered mental status, psychiatric condition',
  E4: 'Serious allergy to local anaesthetics',
  E5: 'Pregnancy',
  E6: 'Condition or finding making participation hazardous',
};
export const LANGUAGES = { en: 'English', es: 'Spanish' };
export const CHANNEL = { phone: 'Phone', email: 'E-mail', letter: 'Letter' };
export const CONTACT_OUTCOME = { reached: 'Reached', leftMessage: 'Left a message', noAnswer: 'No answer', wrongNumber: 'Wrong number or address' };

const formatWhen = (iso) => (iso ? new Date(iso).toLocaleString() : '?');

/** A contact attempt as a line: "Phone, no answer, 12/2/2026, 9:05:00 AM by ann". */
export const attemptText = (a) => `${CHANNEL[a.channel] ?? a.channel}, ${(CONTACT_OUTCOME[a.outcome] ?? a.outcome).toLowerCase()}, ${formatWhen(a.at)} by ${a.by}`;
