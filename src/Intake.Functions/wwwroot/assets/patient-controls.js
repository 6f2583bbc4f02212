// Controls for each kind of answer, drawn from the draft in the form's language.

import { h, choiceFieldset } from './dom-kit.js';
import { SITES, SITE_LABELS, field } from './fields.js';
import { STEPS } from './patient-steps.js';
import { state, t } from './patient-state.js';
import { mark } from './patient-errors.js';

const ids = (...list) => list.filter(Boolean).join(' ') || undefined;

export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(t().dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function radioGroup(name, values, optionText, words, current, { idPrefix = name, key = name, stateKey = name } = {}) {
  const helpId = words.help ? `h-${name}` : undefined;
  return markedGroup(key, choiceFieldset({
    fieldset: { id: `g-${name}`, 'aria-describedby': helpId, class: 'question' },
    legend: words.label,
    hint: words.help ? { id: helpId, text: words.help } : null,
    options: values.map((v) => ({
      input: {
        type: 'radio', name: stateKey, value: v, id: `f-${idPrefix}-${v}`, checked: String(current ?? '') === v && current !== undefined && current !== '',
        'data-key': key,
      },
      text: optionText(v),
    })),
  }));
}

/** A group of choices whose errors go after its hint, describe the fieldset and mark each choice. */
function markedGroup(key, { element, inputs }) {
  mark(key, { controls: inputs, described: [element], before: inputs[0].parentElement });
  return element;
}

/** A single control whose errors go just before it. */
function marked(key, control) {
  mark(key, { controls: [control], before: control });
  return control;
}

function choiceField(f, words) {
  return radioGroup(f.name, f.values, (v) => words.options[v], words, state.draft.answers[f.name]);
}

function ecogField(f, words) {
  const values = ['0', '1', '2', '3', '4', 'unsure'];
  return radioGroup('ecog', values, (v) => words.options[v === 'unsure' ? '' : v], words,
    state.draft.answers.ecog === undefined ? undefined : String(state.draft.answers.ecog));
}

function dateField(f, words) {
  return h('div', { class: 'question' },
    h('label', { for: `f-${f.name}`, text: words.label }),
    words.help ? h('p', { class: 'hint', id: `h-${f.name}`, text: words.help }) : null,
    marked(f.name, h('input', {
      type: 'date', id: `f-${f.name}`, name: f.name, value: state.draft.answers[f.name] ?? '', autocomplete: 'bday',
      min: '1900-01-01', max: todayIso(), 'data-key': f.name, 'aria-describedby': ids(words.help && `h-${f.name}`),
    })));
}

function sitesField(f, words) {
  const chosen = state.draft.answers.metastaticSites ?? [];
  return markedGroup(f.name, choiceFieldset({
    fieldset: { id: `g-${f.name}`, class: 'question', 'aria-describedby': `h-${f.name}` },
    legend: words.label,
    hint: { id: `h-${f.name}`, text: words.help },
    options: SITES.map((s) => ({
      input: {
        type: 'checkbox', name: 'metastaticSites', value: s, id: `f-metastaticSites-${s}`, checked: chosen.includes(s),
        'data-key': f.name,
      },
      text: SITE_LABELS[state.lang][s],
    })),
  }));
}

function biopsyField(f, words) {
  const a = state.draft.answers;
  const group = radioGroup(f.name, ['yes', 'no'], (v) => words[v], words, a.scheduledClinicalBiopsy);
  const select = h('select', { id: 'f-biopsySite', name: 'biopsySite', 'data-key': 'biopsySite' },
    h('option', { value: '', text: t().choose }),
    SITES.map((s) => h('option', { value: s, text: SITE_LABELS[state.lang][s], selected: a.biopsySite === s })));
  const details = h('div', { class: 'reveal', id: 'biopsy-details', hidden: a.scheduledClinicalBiopsy !== 'yes' },
    h('label', { for: 'f-biopsySite', text: words.site }),
    marked('biopsySite', select),
    h('label', { for: 'f-biopsyDate', text: words.date }),
    marked('biopsyDate', h('input', {
      type: 'date', id: 'f-biopsyDate', name: 'biopsyDate', value: a.biopsyDate ?? '', min: todayIso(), 'data-key': 'biopsyDate',
    })));
  return h('div', { class: 'question-group' }, group, details);
}

export function contactFields() {
  const c = state.draft.contact;
  const w = t();
  const text = (key, type, autocomplete, describedBy, extra = {}, hint = null) => h('div', { class: 'question' },
    h('label', { for: `f-${key}`, text: w[key] }),
    hint,
    marked(key, h('input', {
      type, id: `f-${key}`, name: key, value: c[key] ?? '', autocomplete, spellcheck: 'false',
      'data-key': key, 'aria-describedby': ids(...describedBy), ...extra,
    })));
  const consent = h('input', { type: 'checkbox', id: 'f-consent', name: 'consent', checked: Boolean(c.consent), 'data-key': 'consent' });
  const consentLabel = h('label', { class: 'choice' }, consent, h('span', { text: w.consent }));
  mark('consent', { controls: [consent], before: consentLabel });
  return [
    text('name', 'text', 'name', [], { spellcheck: undefined }),
    h('p', { class: 'hint', id: 'h-reach', text: w.reachHint }),
    text('email', 'email', 'email', ['h-reach']),
    text('phone', 'tel', 'tel', ['h-reach', 'h-phone'], {}, h('p', { class: 'hint', id: 'h-phone', text: w.phoneHint })),
    h('div', { class: 'question consent' }, consentLabel),
  ];
}

export function questionFor(name) {
  const f = field(name);
  const words = f[state.lang];
  switch (f.kind) {
    case 'date': return dateField(f, words);
    case 'sites': return sitesField(f, words);
    case 'biopsy': return biopsyField(f, words);
    case 'ecog': return ecogField(f, words);
    default: return choiceField(f, words);
  }
}

/** The questions a step shows now (pregnancy is not asked of a man). */
export function visibleFields(i) {
  return (STEPS[i].fields ?? []).filter((n) => !(n === 'pregnant' && state.draft.answers.sex === 'male'));
}
