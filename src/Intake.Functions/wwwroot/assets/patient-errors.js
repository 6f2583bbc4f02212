// The patient form's errors as field-errors.js's ErrorBoard shows them: beside each field (linked by
// aria-describedby), in the summary at the top of a step, in the form's language (a message from the
// service stays in English, marked so). What is the form's own is here: its words for a field and a
// message, the order of the keys along the steps, and where a summary link leads (another step).
// The form is drawn again from its state (patient-views.js): each drawing registers its fields
// (mark) and shows state.errors again (drawErrors).

import { h } from './dom-kit.js';
import { ErrorBoard } from './field-errors.js';
import { field } from './fields.js';
import { orderOfKey } from './patient-steps.js';
import { state, t } from './patient-state.js';

const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** A message's words: the form's own (by code) in its language, or the service's, in English. */
export function messageText(m) {
  return m.code ? t().errors[m.code] : capitalise(m.text);
}

function labelOfKey(key) {
  const w = t();
  if (key === 'biopsySite') return field('scheduledClinicalBiopsy')[state.lang].site;
  if (key === 'biopsyDate') return field('scheduledClinicalBiopsy')[state.lang].date;
  if (key === 'consent') return w.consentShort;
  if (['name', 'email', 'phone'].includes(key)) return w[key];
  return field(key)[state.lang].label;
}

/** The control a summary link names for an error key: the field, or the fieldset of a group. */
function controlIdOf(key) {
  if (['name', 'email', 'phone', 'consent', 'biopsySite', 'biopsyDate', 'dateOfBirth'].includes(key)) return `f-${key}`;
  return `g-${key}`;
}

/** Takes the person to a field on another step (handed in by patient.js). */
let goToField = () => {};

/** Hands in what a summary link to a field on another step does. */
export function setGoToField(handler) {
  goToField = handler;
}

const board = new ErrorBoard(h('div', { class: 'banner error', id: 'error-summary' }), {
  read: (m) => m,
  title: (count, loose) => h('h2', { text: loose ? t().failure.general : t().summaryTitle }),
  // a key of the form (not a problem's path about no field: those are state.general's, under '')
  label: (key) => (key && orderOfKey(key) >= 0 ? labelOfKey(key) : undefined),
  inSummary: (m) => h('span', { lang: m.code ? undefined : 'en', text: m.code ? messageText(m) : m.text }),
  beside: (messages) => {
    const prefix = () => h('span', { class: 'visually-hidden', text: `${t().errorPrefix} ` });
    return messages.map((m) => (m.code
      ? h('p', {}, prefix(), messageText(m))
      : h('p', {}, prefix(), t().serverPrefix ? `${t().serverPrefix} ` : '', h('span', { lang: 'en', text: capitalise(m.text) }))));
  },
  loose: (path, g) => h('li', { lang: 'en', text: g.text }),
  link: (key) => ({ href: `#${controlIdOf(key)}`, 'data-goto': key }),
  order: (x, y) => orderOfKey(x) - orderOfKey(y),
  elsewhere: (key) => goToField(key),
  messageIdFirst: false,
  scroll: false,
  summaryTakesFocus: false,
});

/**
 * Registers a field drawn on this step for error key `key`: its controls (invalid with it), what
 * else its message describes (a group's fieldset) and the element its message goes just before.
 */
export function mark(key, { controls, described = [], before }) {
  board.register(key, { controls, described, before, slot: h('div', { class: 'error field-error', id: `e-${key}` }) });
}

/** Forgets the fields of the last drawing (before a new one registers its own). */
export function forgetFields() {
  board.forget();
}

/** Shows state.errors beside the fields registered since forgetFields and in the summary: the summary, or null when there is nothing to say. */
export function drawErrors() {
  // out of the page while drawn again, so it comes back as a new alert rather than changing in place
  board.summary.remove();
  const count = board.show({ ...state.errors, '': state.general }, undefined, { focus: false });
  return count ? board.summary : null;
}

/** Removes a field's error once the person changes it. */
export function clearError(key) {
  if (!state.errors[key]) return;
  delete state.errors[key];
  board.clearPath(key);
}

/** Focuses the field of an error key on this step; false when it is not here. */
export function focusControl(key) {
  return board.focus(key);
}
