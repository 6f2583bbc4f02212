// The patient's interest form (/): one topic per step, English and Spanish, saved on this device
// as the person goes, sent once at the end. Builds exactly the body of POST /api/screenings
// (api.md). The pre-check result is never shown here: the service does not return it, and
// telling a person whether they may take part is the study team's job.
//
// Its parts are the patient-*.js modules beside it: the words of each language (patient-words-en.js,
// patient-words-es.js), the steps (patient-steps.js), the state (patient-state.js), draft storage
// (patient-draft.js), body building (patient-body.js), field errors (patient-errors.js), the controls
// (patient-controls.js) and the views (patient-views.js). This module holds the events, the sending
// and the start.
import { FIELDS } from './fields.js';
import { call, newId } from './api.js';
import { CHECK_HEADER } from './human-check.js';
import { REVIEW, stepOfKey, orderOfKey, keyOfPath } from './patient-steps.js';
import { state, emptyDraft, t } from './patient-state.js';
import { save, saveLang, clearDraft, loadDraft, draftHasAnything, savedLang } from './patient-draft.js';
import { buildBody, checkStep } from './patient-body.js';
import { clearError, focusControl, setGoToField } from './patient-errors.js';
import { render, setActions, currentHumanCheck } from './patient-views.js';

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// Events

function onInput(e) {
  const el = e.target;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) return;
  const a = state.draft.answers;
  const c = state.draft.contact;
  const name = el.name;
  if (name === 'metastaticSites') {
    a.metastaticSites = [...document.querySelectorAll('input[name="metastaticSites"]:checked')].map((x) => x.value);
  } else if (name === 'consent') {
    c.consent = el.checked;
  } else if (['name', 'email', 'phone'].includes(name)) {
    c[name] = el.value;
  } else if (el.type === 'radio') {
    if (!el.checked) return;
    a[name] = el.value;
    if (name === 'scheduledClinicalBiopsy') {
      $('biopsy-details').hidden = el.value !== 'yes';
      if (el.value !== 'yes') { clearError('biopsySite'); clearError('biopsyDate'); }
    }
  } else {
    a[name] = el.value;
  }
  if (e.type === 'change' || el.type !== 'radio') clearError(el.dataset.key ?? name);
  // an e-mail or a phone number answers "give one or the other"
  if (name === 'phone' && el.value.trim() && state.errors.email?.every((m) => m.code === 'reachRequired')) clearError('email');
  save();
}

function go(step, { focus = 'heading' } = {}) {
  state.draft.step = step;
  if (step === REVIEW) state.fromReview = false;
  save();
  render({ focus });
}

/** Shows errors beside their fields: goes to the step of the first one (or of the first one on `step`) and focuses that field. */
function showErrors(errors, step) {
  state.errors = errors;
  const first = Object.keys(errors).filter((k) => step === undefined || stepOfKey(k) === step).sort((x, y) => orderOfKey(x) - orderOfKey(y))[0];
  if (first === undefined) return;
  state.draft.step = stepOfKey(first);
  save();
  render({ focus: first });
}

function onNext(e) {
  e.preventDefault();
  const i = state.draft.step;
  const errors = checkStep(i);
  if (Object.keys(errors).length) {
    // keep the server's errors on other steps; this step's own are checked afresh (the server checks again at Send)
    const others = Object.entries(state.errors).filter(([k, list]) => stepOfKey(k) !== i && list.some((m) => !m.code));
    showErrors({ ...Object.fromEntries(others), ...errors }, i);
    return;
  }
  go(i + 1);
}

function onBack() {
  go(Math.max(0, state.draft.step - 1));
}

function onReturnToReview() {
  go(REVIEW);
}

function onChange(e) {
  state.fromReview = true;
  go(Number(e.currentTarget.dataset.step));
}

function resumeContinue() {
  state.view = 'step';
  render();
}

function resumeRestart() {
  clearDraft();
  state.draft = emptyDraft();
  state.errors = {};
  state.general = [];
  state.failure = null;
  state.view = 'step';
  render();
}

function switchLanguage() {
  state.lang = state.lang === 'en' ? 'es' : 'en';
  saveLang();
  if (state.view === 'step') save();
  render({ focus: 'none' });
  $('lang-switch').focus();
}

/** A summary link to a field not drawn on this page (ErrorBoard's elsewhere): goes to the field's step and focuses it. */
function goToField(key) {
  const step = stepOfKey(key);
  if (step !== state.draft.step) { state.draft.step = step; save(); render({ focus: key }); } else focusControl(key);
}

// ---------------------------------------------------------------------------------------------
// Sending: one client id per submission, kept until a 202, so "Try again" never makes a duplicate

/** A fresh solved challenge for one request; a failure is marked `check`, so it is told as such. */
async function solveCheck(status) {
  if (status) status.textContent = t().checking;
  try {
    const check = currentHumanCheck();
    if (!check) throw new Error('no check on the page');
    return await check.solve();
  } catch {
    throw Object.assign(new Error('check'), { check: true });
  } finally {
    if (status) status.textContent = t().sending;
  }
}

async function send() {
  if (state.sending) return;
  const all = {};
  for (let i = 0; i < REVIEW; i++) Object.assign(all, checkStep(i));
  if (Object.keys(all).length) { state.general = []; showErrors(all); return; }
  if (!state.draft.id) { state.draft.id = newId(); save(); }
  state.sending = true;
  state.failure = null;
  const status = $('send-status');
  if (status) status.textContent = t().sending;
  $('send')?.setAttribute('aria-disabled', 'true');
  $('try-again')?.setAttribute('aria-disabled', 'true');
  let replaced = false;
  try {
    for (;;) {
      try {
        const altcha = await solveCheck(status);
        await call('POST', '/api/screenings', { body: buildBody(), headers: { [CHECK_HEADER]: altcha } });
        break;
      } catch (err) {
        if (err.status === 409 && !replaced) {
          // the same id was stored with a different body (edited after a lost answer): this is a new submission
          replaced = true;
          state.draft.id = newId();
          save();
          continue;
        }
        throw err;
      }
    }
    state.sending = false;
    clearDraft();
    state.draft = emptyDraft();
    state.errors = {};
    state.general = [];
    state.view = 'done';
    render();
  } catch (err) {
    state.sending = false;
    onSendFailure(err);
  }
}

function onSendFailure(err) {
  if (err.check || (err.status === 400 && err.errors?.altcha)) {
    // the automatic check failed here or was refused by the service: a new one is solved on "Try again"
    state.errors = {};
    state.general = [];
    state.failure = 'check';
    render({ focus: 'none' });
    $('try-again')?.focus();
    return;
  }
  if (err.status === 400 && err.errors && Object.keys(err.errors).length) {
    const errors = {};
    const general = [];
    for (const [path, messages] of Object.entries(err.errors)) {
      const list = Array.isArray(messages) ? messages : [String(messages)];
      const key = keyOfPath(path);
      if (key) (errors[key] ??= []).push(...list.map((text) => ({ text })));
      else general.push(...list.map((text) => ({ text: `${path}: ${text}` })));
      if (path === 'id') { state.draft.id = newId(); save(); }
    }
    state.general = general;
    state.failure = null;
    if (Object.keys(errors).length) { state.fromReview = true; showErrors(errors); return; }
    state.errors = {};
    state.failure = 'other';
    render({ focus: 'none' });
    $('try-again')?.focus();
    return;
  }
  state.errors = {};
  state.general = [];
  state.failure = err.networkFailure ? 'network' : err.status >= 500 || err.status === 429 ? 'busy' : 'other';
  render({ focus: 'none' });
  $('try-again')?.focus();
}

// ---------------------------------------------------------------------------------------------
// Start

function start() {
  setActions({ onNext, onBack, onReturnToReview, onChange, resumeContinue, resumeRestart, onInput, send });
  setGoToField(goToField);
  let lang = savedLang();
  if (lang !== 'en' && lang !== 'es') lang = (navigator.language ?? '').toLowerCase().startsWith('es') ? 'es' : 'en';
  state.lang = lang;
  const draft = loadDraft();
  if (draft && draftHasAnything(draft)) {
    state.draft = draft;
    state.view = 'resume';
  }
  $('lang-switch').addEventListener('click', switchLanguage);
  // the skip link moves focus without leaving #main in the address (a reload would land there)
  $('skip').addEventListener('click', (e) => { e.preventDefault(); ($('page-title') ?? $('main')).focus(); });
  render({ focus: 'none' });
}

// Make sure every answer of fields.js that a patient gives is on some step (a guard for later edits).
for (const f of FIELDS) {
  if (!f.referralOnly && stepOfKey(f.name) === undefined) console.warn(`patient form: ${f.name} is on no step`);
}

start();
