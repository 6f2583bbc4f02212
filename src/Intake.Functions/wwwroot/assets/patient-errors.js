// Field errors on the patient form: beside each field (linked by aria-describedby), in the summary
// at the top of a step, in the form's language (a message from the service stays in English, marked so).
// Not field-errors.js's ErrorBoard, which the referral form and the team page share: this summary
// speaks the form's two languages, is drawn again with each step from the form's state, and its links
// may lead to another step (patient.js's onSummaryClick); the board's are in English and only focus a
// field on the page.

import { h } from './dom-kit.js';
import { field } from './fields.js';
import { orderOfKey } from './patient-steps.js';
import { state, t } from './patient-state.js';

const $ = (id) => document.getElementById(id);
const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export function messageText(m) {
  return m.code ? t().errors[m.code] : capitalise(m.text);
}

/** The element that shows a field's errors right beside it (linked from the field by aria-describedby). */
export function errorElement(key) {
  const list = state.errors[key];
  if (!list?.length) return null;
  const prefix = () => h('span', { class: 'visually-hidden', text: `${t().errorPrefix} ` });
  return h('div', { class: 'error field-error', id: `e-${key}` },
    list.map((m) => (m.code
      ? h('p', {}, prefix(), messageText(m))
      : h('p', {}, prefix(), t().serverPrefix ? `${t().serverPrefix} ` : '', h('span', { lang: 'en', text: capitalise(m.text) })))));
}

export function fieldErrorId(key) {
  return state.errors[key]?.length ? `e-${key}` : undefined;
}

export function invalid(key) {
  return state.errors[key]?.length ? 'true' : undefined;
}

/** Removes a field's error once the person changes it. */
export function clearError(key) {
  if (!state.errors[key]) return;
  delete state.errors[key];
  const el = $(`e-${key}`);
  el?.remove();
  for (const control of document.querySelectorAll(`[data-key="${key}"]`)) {
    control.removeAttribute('aria-invalid');
    const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== `e-${key}`);
    if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

export function errorSummary() {
  const keys = Object.keys(state.errors).filter((k) => state.errors[k]?.length).sort((x, y) => orderOfKey(x) - orderOfKey(y));
  if (!keys.length && !state.general.length) return null;
  return h('div', { class: 'banner error error-summary', role: 'alert', id: 'error-summary' },
    h('h2', { text: state.general.length ? t().failure.general : t().summaryTitle }),
    h('ul', {},
      keys.flatMap((k) => state.errors[k].map((m) => h('li', {},
        h('a', { href: `#${controlIdOf(k)}`, 'data-goto': k }, `${labelOfKey(k)}: `, h('span', { lang: m.code ? undefined : 'en', text: m.code ? messageText(m) : m.text }))))),
      state.general.map((g) => h('li', { lang: 'en', text: g.text }))));
}

function labelOfKey(key) {
  const w = t();
  if (key === 'biopsySite') return field('scheduledClinicalBiopsy')[state.lang].site;
  if (key === 'biopsyDate') return field('scheduledClinicalBiopsy')[state.lang].date;
  if (key === 'consent') return w.consentShort;
  if (['name', 'email', 'phone'].includes(key)) return w[key];
  return field(key)[state.lang].label;
}

/** The control that takes focus for an error key. */
function controlIdOf(key) {
  if (['name', 'email', 'phone', 'consent', 'biopsySite', 'biopsyDate', 'dateOfBirth'].includes(key)) return `f-${key}`;
  return `g-${key}`;
}

export function focusControl(key) {
  let el = $(controlIdOf(key));
  if (el?.tagName === 'FIELDSET') el = el.querySelector('input:checked') ?? el.querySelector('input');
  if (el) { el.focus(); return true; }
  return false;
}
