// /refer: the oncologist's referral form. One dense page; POST /api/referrals; a 400 shows each
// problem beside its field; a network failure or a 5xx offers "Try again", which re-sends the
// same body with the same client id, so the referral can never be stored twice.

import { call, newId, compact, ApiError } from './api.js';
import { h, fill } from './dom-kit.js';
import { ErrorBoard } from './field-errors.js';
import { createAnswersForm } from './answers-form.js';
import { createHumanCheck, CHECK_HEADER } from './human-check.js';

const $ = (id) => document.getElementById(id);

const form = $('referral');
const board = new ErrorBoard($('summary'));
const answers = createAnswersForm($('answers'), { idPrefix: 'ref', board, referral: true });
/** The automatic check (human-check.js): a fresh challenge solved at each send. */
const humanCheck = createHumanCheck($('human-check'), 'en');

/** The contact fields: JSON path → [input id, label]. */
const CONTACT_FIELDS = {
  'patient.name': ['patient-name', "Patient's name"],
  'patient.email': ['patient-email', "Patient's e-mail"],
  'patient.phone': ['patient-phone', "Patient's phone"],
  'patient.preferredLanguage': ['patient-language', "Patient's preferred language"],
  'referrer.name': ['referrer-name', 'Your name'],
  'referrer.institution': ['referrer-institution', 'Institution'],
  'referrer.email': ['referrer-email', 'Your e-mail'],
  'referrer.phone': ['referrer-phone', 'Your phone'],
};
for (const [path, [inputId, label]] of Object.entries(CONTACT_FIELDS)) {
  board.register(path, { controls: [$(inputId)], slot: $(`${inputId}-error`), label });
}
// "Give an e-mail address or a phone number" is about the pair.
board.register('patient', { controls: [$('patient-email'), $('patient-phone')], slot: $('patient-error'), label: "Patient's e-mail or phone" });
board.register('referrer', { controls: [$('referrer-email'), $('referrer-phone')], slot: $('referrer-error'), label: 'Your e-mail or phone' });
board.register('patientAwareOfReferral', { controls: [$('aware')], slot: $('aware-error'), label: 'The patient knows of this referral' });

/** One client id per referral: a retry re-sends it, so nothing is stored twice. */
let clientId = newId();
let lastBody = null;
let sending = false;

const value = (id) => $(id).value.trim();

function buildBody() {
  return {
    id: clientId,
    answers: answers.read(),
    patient: compact({ name: value('patient-name'), email: value('patient-email'), phone: value('patient-phone'), preferredLanguage: value('patient-language') }) ?? {},
    referrer: compact({ name: value('referrer-name'), institution: value('referrer-institution'), email: value('referrer-email'), phone: value('referrer-phone') }) ?? {},
    patientAwareOfReferral: $('aware').checked,
  };
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (sending) return;
  lastBody = buildBody();
  send(lastBody);
});

async function send(body) {
  sending = true;
  const button = $('send');
  button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  fill($('send-status'), h('p', {}, 'Checking that a person is sending this form… this takes a few seconds.'));
  try {
    let altcha;
    try {
      altcha = await humanCheck.solve();
    } catch {
      throw Object.assign(new ApiError(0, null), { check: true });
    }
    fill($('send-status'), h('p', {}, 'Sending the referral…'));
    const accepted = await call('POST', '/api/referrals', { body, headers: { [CHECK_HEADER]: altcha } });
    received(accepted?.id ?? body.id);
  } catch (error) {
    failed(error instanceof ApiError ? error : new ApiError(0, null, true), body);
  } finally {
    sending = false;
    button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

function failed(error, body) {
  const status = $('send-status');
  if (error.check || (error.status === 400 && error.errors?.altcha)) {
    // the automatic check failed here or was refused by the service: "Try again" solves a new one
    board.clear();
    const retry = h('button', { type: 'button', class: 'secondary', id: 'try-again', onclick: () => { if (!sending) send(body); } }, 'Try again');
    fill(status, h('div', { class: 'banner error' },
      h('p', {}, 'The referral was not sent: the automatic check that a person is sending it did not work. Nothing is lost: the form keeps your answers, and "Try again" sends this same referral once, never twice.'),
      retry));
    retry.focus();
    return;
  }
  if (error.status === 400) {
    fill(status);
    board.show(error.errors, error.problem?.detail ?? 'The referral has problems.');
    return;
  }
  board.clear();
  if (error.networkFailure || error.status >= 500 || error.status === 429) {
    const why = error.networkFailure
      ? 'The referral could not be sent: the connection failed.'
      : error.status === 429
        ? 'The service is busy and asked to wait a moment.'
        : 'The service could not store the referral just now.';
    const retry = h('button', { type: 'button', class: 'secondary', id: 'try-again', onclick: () => { if (!sending) send(body); } }, 'Try again');
    fill(status, h('div', { class: 'banner error' },
      h('p', {}, `${why} Nothing is lost: the form keeps your answers, and "Try again" sends this same referral once, never twice.`),
      retry));
    retry.focus();
    return;
  }
  if (error.status === 409) {
    const again = h('button', { type: 'button', class: 'secondary', onclick: () => { clientId = newId(); lastBody = buildBody(); send(lastBody); } }, 'Send as a new referral');
    fill(status, h('div', { class: 'banner error' },
      h('p', {}, `A referral with reference ${body.id} was already received, with different details (an earlier attempt may have arrived). `
        + 'If these details correct it, send them as a new referral, or tell the study team the reference.'),
      again));
    again.focus();
    return;
  }
  const detail = error.problem?.detail || error.problem?.title || `The service answered ${error.status}.`;
  fill(status, h('div', { class: 'banner error', tabindex: '-1', id: 'send-problem' }, h('p', {}, `The referral was not sent: ${detail}`)));
  $('send-problem').focus();
}

function received(id) {
  document.title = 'Referral received · Metastatic breast cancer registry (NCT03737695)';
  const heading = h('h1', { tabindex: '-1', id: 'received' }, 'Referral received');
  fill($('main'),
    heading,
    h('div', { class: 'banner ok' },
      h('p', {}, 'Reference: ', h('strong', { class: 'reference' }, id)),
      h('p', {}, 'Please quote this reference if you contact the study team about this referral.')),
    h('p', {}, 'The study team pre-checks the referral against the protocol\'s inclusion and exclusion criteria and contacts the patient. '
      + 'A pre-check is not an eligibility decision. If you gave an e-mail address, the team may tell you where the referral stands.'),
    h('p', {}, h('a', { href: '/refer' }, 'Refer another patient')));
  heading.focus();
  window.scrollTo(0, 0);
}
