// The views: a step, the review, "welcome back" and "thank you", with the page's chrome (language,
// title, progress). The actions the views' buttons run are handed in by the main module (setActions).

import { h } from './dom-kit.js';
import { SITES, SITE_LABELS, field } from './fields.js';
import { createHumanCheck } from './human-check.js';
import { STEPS, REVIEW, TOTAL } from './patient-steps.js';
import { state, t } from './patient-state.js';
import { drawErrors, focusControl, forgetFields } from './patient-errors.js';
import { contactFields, formatDate, questionFor, visibleFields } from './patient-controls.js';

const $ = (id) => document.getElementById(id);

/** What the views' buttons and forms run: { onNext, onBack, onReturnToReview, onChange, resumeContinue, resumeRestart, onInput, send }. */
let actions = {};

/** The review page's automatic check, made with the page (see reviewView). */
let humanCheck = null;

/** Hands in the actions of the views' buttons. */
export function setActions(given) {
  actions = given;
}

/** The automatic check on the review page now, or null. */
export const currentHumanCheck = () => humanCheck;

function setChrome() {
  const w = t();
  document.documentElement.lang = w.htmlLang;
  const sw = $('lang-switch');
  sw.textContent = w.switchTo;
  sw.lang = w.switchLang;
  $('site-title').textContent = w.siteTitle;
  $('skip').textContent = w.skip;
  $('footer-text').textContent = w.footer;
}

function setProgress(i) {
  const box = $('progress');
  if (i === null) { box.hidden = true; return; }
  box.hidden = false;
  $('progress-text').textContent = t().step(i + 1, TOTAL);
  const bar = $('progress-bar');
  bar.replaceChildren(...STEPS.map((_, j) => h('li', { class: j < i ? 'done' : j === i ? 'current' : undefined })));
}

function heading(text) {
  return h('h1', { tabindex: '-1', id: 'page-title', text });
}

export function render({ focus = 'heading' } = {}) {
  setChrome();
  forgetFields();
  const app = $('app');
  const w = t();
  let content;
  if (state.view === 'resume') {
    setProgress(null);
    document.title = `${w.resumeTitle} – ${w.docTitle}`;
    content = [
      heading(w.resumeTitle),
      h('p', { text: w.resumeText }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'resume-continue', onclick: actions.resumeContinue, text: w.resumeContinue }),
        h('button', { type: 'button', id: 'resume-restart', class: 'secondary', onclick: actions.resumeRestart, text: w.resumeRestart })),
    ];
  } else if (state.view === 'done') {
    setProgress(null);
    document.title = `${w.thanks} – ${w.docTitle}`;
    content = [
      heading(w.thanks),
      h('div', { class: 'banner ok' }, h('p', { text: w.confirmReceived })),
      h('h2', { text: w.confirmNextTitle }),
      h('p', { text: w.confirmNext }),
      h('p', { text: w.confirmDecision }),
      h('p', { class: 'hint', text: w.confirmCleared }),
    ];
  } else {
    const i = state.draft.step;
    setProgress(i);
    document.title = `${w.titles[i]} – ${w.docTitle}`;
    content = i === REVIEW ? reviewView() : stepView(i);
  }
  app.replaceChildren(...content);
  if (focus === 'heading') {
    window.scrollTo(0, 0);
    $('page-title')?.focus();
  } else if (focus && focus !== 'none') {
    focusControl(focus);
  }
}

function stepView(i) {
  const w = t();
  const s = STEPS[i];
  const form = h('form', { novalidate: true, id: 'step-form', 'aria-labelledby': 'page-title', onsubmit: actions.onNext });
  if (i === 0) form.append(h('p', { class: 'lead', text: w.intro }), h('p', { class: 'hint', text: w.privacy }));
  if (s.intro) form.append(h('p', { class: 'lead', text: w[s.intro] }));
  if (s.contact) form.append(...contactFields());
  else form.append(...visibleFields(i).map(questionFor));
  form.append(h('div', { class: 'actions' },
    i > 0 ? h('button', { type: 'button', class: 'secondary', id: 'back', onclick: actions.onBack, text: w.back }) : null,
    h('button', { type: 'submit', id: 'next', text: w.next })));
  if (state.fromReview) {
    form.append(h('p', { class: 'return' },
      h('button', { type: 'button', class: 'secondary', id: 'return-review', onclick: actions.onReturnToReview, text: w.returnToReview })));
  }
  form.addEventListener('input', actions.onInput);
  form.addEventListener('change', actions.onInput);
  return [heading(w.titles[i]), drawErrors(), form].filter(Boolean);
}

function answerText(name) {
  const a = state.draft.answers;
  const f = field(name);
  const words = f[state.lang];
  const none = t().notAnswered;
  switch (f.kind) {
    case 'date': return a[name] ? formatDate(a[name]) : none;
    case 'sites': {
      const chosen = SITES.filter((s) => (a.metastaticSites ?? []).includes(s));
      return chosen.length ? chosen.map((s) => SITE_LABELS[state.lang][s]).join(', ') : none;
    }
    case 'biopsy': {
      if (a.scheduledClinicalBiopsy === 'no') return words.no;
      if (a.scheduledClinicalBiopsy !== 'yes') return none;
      const where = a.biopsySite ? SITE_LABELS[state.lang][a.biopsySite] : none;
      const when = a.biopsyDate ? formatDate(a.biopsyDate) : none;
      return `${words.yes}: ${where}, ${when}`;
    }
    case 'ecog': {
      if (a.ecog === undefined || a.ecog === '') return none;
      return words.options[a.ecog === 'unsure' ? '' : a.ecog];
    }
    default: return a[name] ? words.options[a[name]] ?? a[name] : none;
  }
}

function reviewView() {
  const w = t();
  const c = state.draft.contact;
  const sections = STEPS.slice(0, REVIEW).map((s, i) => {
    const titleId = `review-${i}`;
    const rows = s.contact
      ? [
        [w.name, c.name.trim() || w.notAnswered],
        [w.email, c.email.trim() || w.notAnswered],
        [w.phone, c.phone.trim() || w.notAnswered],
        [w.consentShort, c.consent ? w.consentYes : w.consentNo],
      ]
      : visibleFields(i).map((n) => [field(n)[state.lang].label, answerText(n)]);
    return h('section', { class: 'review-section', 'aria-labelledby': titleId },
      h('div', { class: 'review-head' },
        h('h2', { id: titleId, text: w.titles[i] }),
        h('button', { type: 'button', class: 'secondary small', 'data-step': String(i), 'aria-describedby': titleId, onclick: actions.onChange, text: w.change })),
      h('dl', { class: 'review' }, rows.flatMap(([dt, dd]) => [h('dt', { text: dt }), h('dd', { text: dd })])));
  });
  const failure = state.failure
    ? h('div', { class: 'banner error', role: 'alert', id: 'send-failure' },
      h('p', { text: w.failure[state.failure] }),
      h('button', { type: 'button', id: 'try-again', onclick: () => actions.send(), text: w.tryAgain }))
    : null;
  // The automatic check (human-check.js): solved when Send is pressed, a fresh one each time.
  const check = h('div', { class: 'human-check', id: 'human-check' });
  humanCheck = createHumanCheck(check, state.lang);
  const form = h('form', { novalidate: true, id: 'review-form', 'aria-labelledby': 'page-title', onsubmit: (e) => { e.preventDefault(); actions.send(); } },
    check,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'back', onclick: actions.onBack, text: w.back }),
      h('button', { type: 'submit', id: 'send', text: w.send })),
    h('p', { id: 'send-status', class: 'hint', role: 'status', text: state.sending ? w.sending : '' }));
  return [heading(w.titles[REVIEW]), drawErrors(), failure, h('p', { class: 'lead', text: w.reviewIntro }), ...sections, form].filter(Boolean);
}
