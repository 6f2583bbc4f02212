// Draft storage: the answers so far, kept in this browser's localStorage until sent, and the
// chosen language.

import { TOTAL } from './patient-steps.js';
import { state, emptyDraft } from './patient-state.js';

const DRAFT_KEY = 'mbcintake.patient.draft';
const LANG_KEY = 'mbcintake.patient.lang';
const DRAFT_DAYS = 30;

function storage() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

export function save() {
  const s = storage();
  if (!s) return;
  try {
    s.setItem(DRAFT_KEY, JSON.stringify({ v: 1, savedAt: new Date().toISOString(), ...state.draft }));
  } catch { /* full or refused: the form still works, it just cannot be resumed */ }
}

export function saveLang() {
  try { storage()?.setItem(LANG_KEY, state.lang); } catch { /* ignore */ }
}

export function clearDraft() {
  try { storage()?.removeItem(DRAFT_KEY); } catch { /* ignore */ }
}

export function loadDraft() {
  let saved = null;
  try { saved = JSON.parse(storage()?.getItem(DRAFT_KEY) ?? 'null'); } catch { saved = null; }
  if (!saved || saved.v !== 1 || typeof saved.answers !== 'object' || typeof saved.contact !== 'object') return null;
  if (Date.now() - Date.parse(saved.savedAt) > DRAFT_DAYS * 86400000) { clearDraft(); return null; }
  const draft = emptyDraft();
  Object.assign(draft.answers, saved.answers);
  if (!Array.isArray(draft.answers.metastaticSites)) draft.answers.metastaticSites = [];
  Object.assign(draft.contact, saved.contact);
  draft.step = Number.isInteger(saved.step) && saved.step >= 0 && saved.step < TOTAL ? saved.step : 0;
  draft.id = typeof saved.id === 'string' ? saved.id : null;
  return draft;
}

export function draftHasAnything(d) {
  const answered = Object.entries(d.answers).some(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '' && v != null));
  const contact = d.contact.name || d.contact.email || d.contact.phone || d.contact.consent;
  return Boolean(answered || contact || d.id);
}

/** The language saved on this device, or null. */
export function savedLang() {
  try { return storage()?.getItem(LANG_KEY) ?? null; } catch { return null; }
}
