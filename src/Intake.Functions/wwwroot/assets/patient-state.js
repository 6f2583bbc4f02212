// The form's state: the draft saved on this device as the person goes (nothing leaves the browser
// before Send), the language, what is shown, and the errors.

import { WORDS_EN } from './patient-words-en.js';
import { WORDS_ES } from './patient-words-es.js';

const WORDS = { en: WORDS_EN, es: WORDS_ES };

export const emptyDraft = () => ({ step: 0, answers: { metastaticSites: [] }, contact: { name: '', email: '', phone: '', consent: false }, id: null });

export const state = {
  lang: 'en',
  view: 'step', // 'step' | 'resume' | 'done'
  draft: emptyDraft(),
  fromReview: false,
  errors: {}, // key -> [{ code } | { text }]
  general: [], // problems that belong to no field: [{ text }]
  failure: null, // 'network' | 'busy' | 'other' after a failed send
  sending: false,
};

/** The words of the form's language. */
export const t = () => WORDS[state.lang];
