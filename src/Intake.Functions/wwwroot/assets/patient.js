// The patient's interest form (/): one topic per step, English and Spanish, saved on this device
// as the person goes, sent once at the end. Builds exactly the body of POST /api/screenings
// (api.md). The pre-check result is never shown here: the service does not return it, and
// telling a person whether they may take part is the study team's job.
import { FIELDS, SITES, SITE_LABELS, field } from './fields.js';
import { call, newId, compact } from './api.js';
import { createHumanCheck, CHECK_HEADER } from './human-check.js';

// ---------------------------------------------------------------------------------------------
// Words

const T = {
  en: {
    htmlLang: 'en',
    switchTo: 'Español', switchLang: 'es',
    siteTitle: 'Breast cancer research study',
    docTitle: 'Interest form',
    skip: 'Skip to the form',
    footer: 'Mayo Clinic study NCT03737695: a registry of people with metastatic breast cancer.',
    step: (n, total) => `Step ${n} of ${total}`,
    titles: ['About you', 'Your diagnosis', 'Saved tissue', 'Biopsies', 'Your health', 'How to reach you', 'Check your answers'],
    thanks: 'Thank you',
    next: 'Next', back: 'Back', send: 'Send', change: 'Change', tryAgain: 'Try again',
    returnToReview: 'Return to your answers',
    intro: 'Thank you for your interest in this Mayo Clinic research study about metastatic breast cancer. These questions help the study team see whether the study may suit you. There are 7 short steps. If you do not know an answer, choose "I\'m not sure".',
    privacy: 'Your answers stay on this device until you press Send at the end, so you can stop and come back later.',
    tissueIntro: 'Tissue saved from your original surgery or biopsy can be used by the study, so you may not need a new procedure for it.',
    biopsiesIntro: 'The study collects a small amount of tissue or fluid from where the cancer has spread.',
    healthIntro: 'These questions help the team see whether taking part would be safe and comfortable for you.',
    contactIntro: 'The study team will use these details only to contact you about this study.',
    reachHint: 'Give an e-mail address, a phone number, or both.',
    phoneHint: 'Include the area code, for example 507 555 0100.',
    name: 'Your name', email: 'E-mail', phone: 'Phone',
    consent: 'I agree that the study team may contact me about this study',
    consentShort: 'Permission to contact you', consentYes: 'Yes, I agree', consentNo: 'Not given',
    reviewIntro: 'Please check your answers. You can change any of them before you send them.',
    notAnswered: 'Not answered',
    choose: 'Choose…',
    sending: 'Sending your answers…',
    checking: 'Checking that a person is sending this form… this takes a few seconds.',
    summaryTitle: 'Please check these answers',
    serverPrefix: '',
    errorPrefix: 'Error:',
    errors: {
      nameRequired: 'Enter your name.',
      reachRequired: 'Give an e-mail address or a phone number, or both.',
      consentRequired: 'Tick the box if you agree that the study team may contact you. The team can contact you only with your permission.',
      biopsySite: 'Choose where the biopsy or drainage will be. If you do not know, choose "No, or I do not know".',
      biopsyDate: 'Enter the date of the biopsy or drainage. If you do not know it, choose "No, or I do not know".',
    },
    failure: {
      network: 'Your answers were not sent: the connection failed. They are still saved on this device. Check that you are online, then try again.',
      busy: 'Your answers were not sent: the service is busy or has a problem right now. They are still saved on this device. Please wait a minute, then try again.',
      other: 'Your answers were not sent: something went wrong. They are still saved on this device. Please try again.',
      check: 'Your answers were not sent: the automatic check that a person is sending them did not work. They are still saved on this device. Please try again.',
      general: 'Your answers were not sent. Please check the following:',
    },
    resumeTitle: 'Welcome back',
    resumeText: 'The answers you started earlier are saved on this device. Do you want to continue where you left off, or start again?',
    resumeContinue: 'Continue', resumeRestart: 'Start again',
    confirmReceived: 'We have received your answers.',
    confirmNextTitle: 'What happens next',
    confirmNext: 'A member of the study team will look at your answers and contact you, usually within 3 working days.',
    confirmDecision: 'Answering does not mean you are or are not eligible: the team decides that with you.',
    confirmCleared: 'Your answers have been removed from this device. You can close this page.',
    dateLocale: 'en-US',
  },
  es: {
    htmlLang: 'es',
    switchTo: 'English', switchLang: 'en',
    siteTitle: 'Estudio de investigación sobre el cáncer de mama',
    docTitle: 'Formulario de interés',
    skip: 'Ir al formulario',
    footer: 'Estudio NCT03737695 de Mayo Clinic: un registro de personas con cáncer de mama metastásico.',
    step: (n, total) => `Paso ${n} de ${total}`,
    titles: ['Sobre usted', 'Su diagnóstico', 'Tejido guardado', 'Biopsias', 'Su salud', 'Cómo contactarle', 'Revise sus respuestas'],
    thanks: 'Gracias',
    next: 'Siguiente', back: 'Atrás', send: 'Enviar', change: 'Cambiar', tryAgain: 'Intentar de nuevo',
    returnToReview: 'Volver a sus respuestas',
    intro: 'Gracias por su interés en este estudio de investigación de Mayo Clinic sobre el cáncer de mama metastásico. Estas preguntas ayudan al equipo del estudio a ver si el estudio puede ser adecuado para usted. Son 7 pasos cortos. Si no sabe una respuesta, elija "No estoy seguro/a".',
    privacy: 'Sus respuestas se quedan en este dispositivo hasta que presione Enviar al final; puede parar y volver más tarde.',
    tissueIntro: 'El estudio puede usar tejido guardado de su cirugía o biopsia original, así que quizá no necesite un procedimiento nuevo para eso.',
    biopsiesIntro: 'El estudio toma una pequeña cantidad de tejido o líquido de donde se extendió el cáncer.',
    healthIntro: 'Estas preguntas ayudan al equipo a ver si participar sería seguro y cómodo para usted.',
    contactIntro: 'El equipo del estudio usará estos datos solo para contactarle sobre este estudio.',
    reachHint: 'Escriba un correo electrónico, un número de teléfono, o ambos.',
    phoneHint: 'Incluya el código de área, por ejemplo 507 555 0100.',
    name: 'Su nombre', email: 'Correo electrónico', phone: 'Teléfono',
    consent: 'Acepto que el equipo del estudio me contacte sobre este estudio',
    consentShort: 'Permiso para contactarle', consentYes: 'Sí, acepto', consentNo: 'No dado',
    reviewIntro: 'Revise sus respuestas. Puede cambiar cualquiera antes de enviarlas.',
    notAnswered: 'Sin responder',
    choose: 'Elija…',
    sending: 'Enviando sus respuestas…',
    checking: 'Comprobando que una persona envía este formulario… tarda unos segundos.',
    summaryTitle: 'Revise estas respuestas',
    serverPrefix: 'Revise este dato:',
    errorPrefix: 'Error:',
    errors: {
      nameRequired: 'Escriba su nombre.',
      reachRequired: 'Escriba un correo electrónico o un número de teléfono, o ambos.',
      consentRequired: 'Marque la casilla si acepta que el equipo del estudio le contacte. El equipo solo puede contactarle con su permiso.',
      biopsySite: 'Elija dónde será la biopsia o el drenaje. Si no lo sabe, elija "No, o no lo sé".',
      biopsyDate: 'Escriba la fecha de la biopsia o el drenaje. Si no la sabe, elija "No, o no lo sé".',
    },
    failure: {
      network: 'Sus respuestas no se enviaron: falló la conexión. Siguen guardadas en este dispositivo. Compruebe que tiene conexión a internet y vuelva a intentarlo.',
      busy: 'Sus respuestas no se enviaron: el servicio está ocupado o tiene un problema en este momento. Siguen guardadas en este dispositivo. Espere un minuto y vuelva a intentarlo.',
      other: 'Sus respuestas no se enviaron: algo salió mal. Siguen guardadas en este dispositivo. Vuelva a intentarlo.',
      check: 'Sus respuestas no se enviaron: no funcionó la comprobación automática de que las envía una persona. Siguen guardadas en este dispositivo. Vuelva a intentarlo.',
      general: 'Sus respuestas no se enviaron. Revise lo siguiente:',
    },
    resumeTitle: 'Bienvenido/a de nuevo',
    resumeText: 'Las respuestas que empezó antes están guardadas en este dispositivo. ¿Quiere continuar donde lo dejó o empezar de nuevo?',
    resumeContinue: 'Continuar', resumeRestart: 'Empezar de nuevo',
    confirmReceived: 'Hemos recibido sus respuestas.',
    confirmNextTitle: 'Qué pasa ahora',
    confirmNext: 'Un miembro del equipo del estudio revisará sus respuestas y le contactará, normalmente en un plazo de 3 días hábiles.',
    confirmDecision: 'Responder no significa que usted sea o no sea elegible: el equipo lo decide con usted.',
    confirmCleared: 'Sus respuestas se borraron de este dispositivo. Puede cerrar esta página.',
    dateLocale: 'es-US',
  },
};

// ---------------------------------------------------------------------------------------------
// Steps, and where each answer (and each error) lives

const STEPS = [
  { fields: ['dateOfBirth', 'sex'] },
  { fields: ['breastCancer', 'distantMetastasis', 'metastaticSites', 'diseaseStatus'] },
  { fields: ['primaryTissue'], intro: 'tissueIntro' },
  { fields: ['scheduledClinicalBiopsy', 'willingResearchBiopsy', 'effusionCytologyConfirmed'], intro: 'biopsiesIntro' },
  { fields: ['ecog', 'canConsent', 'pregnant', 'localAnestheticAllergy', 'cognitiveImpairment'], intro: 'healthIntro' },
  { fields: ['name', 'email', 'phone', 'consent'], intro: 'contactIntro', contact: true },
  { review: true },
];
const REVIEW = STEPS.length - 1;
const TOTAL = STEPS.length;

/** Every error key in the order of the form, with its step: a field, or a part of one. */
const ERROR_KEYS = [];
STEPS.forEach((s, i) => (s.fields ?? []).forEach((f) => {
  ERROR_KEYS.push({ key: f, step: i });
  if (f === 'scheduledClinicalBiopsy') ERROR_KEYS.push({ key: 'biopsySite', step: i }, { key: 'biopsyDate', step: i });
}));
const stepOfKey = (key) => ERROR_KEYS.find((k) => k.key === key)?.step;
const orderOfKey = (key) => ERROR_KEYS.findIndex((k) => k.key === key);

/** The error key that a problem's JSON path (answers.ecog, contact.phone, consentToContact) belongs to, or null. */
function keyOfPath(path) {
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

// ---------------------------------------------------------------------------------------------
// State, saved on this device as the person goes (nothing leaves the browser before Send)

const DRAFT_KEY = 'mbcintake.patient.draft';
const LANG_KEY = 'mbcintake.patient.lang';
const DRAFT_DAYS = 30;

const emptyDraft = () => ({ step: 0, answers: { metastaticSites: [] }, contact: { name: '', email: '', phone: '', consent: false }, id: null });

const state = {
  lang: 'en',
  view: 'step', // 'step' | 'resume' | 'done'
  draft: emptyDraft(),
  fromReview: false,
  errors: {}, // key -> [{ code } | { text }]
  general: [], // problems that belong to no field: [{ text }]
  failure: null, // 'network' | 'busy' | 'other' after a failed send
  sending: false,
};

function storage() {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

function save() {
  const s = storage();
  if (!s) return;
  try {
    s.setItem(DRAFT_KEY, JSON.stringify({ v: 1, savedAt: new Date().toISOString(), ...state.draft }));
  } catch { /* full or refused: the form still works, it just cannot be resumed */ }
}

function saveLang() {
  try { storage()?.setItem(LANG_KEY, state.lang); } catch { /* ignore */ }
}

function clearDraft() {
  try { storage()?.removeItem(DRAFT_KEY); } catch { /* ignore */ }
}

function loadDraft() {
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

function draftHasAnything(d) {
  const answered = Object.entries(d.answers).some(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '' && v != null));
  const contact = d.contact.name || d.contact.email || d.contact.phone || d.contact.consent;
  return Boolean(answered || contact || d.id);
}

// ---------------------------------------------------------------------------------------------
// The API body

/** Exactly the body of POST /api/screenings: unanswered questions left out, "I'm not sure" as "unknown", ECOG not sure as nothing. */
function buildBody() {
  const a = state.draft.answers;
  const c = state.draft.contact;
  const male = a.sex === 'male';
  const ecog = ['0', '1', '2', '3', '4'].includes(String(a.ecog)) ? Number(a.ecog) : undefined;
  const answers = compact({
    dateOfBirth: a.dateOfBirth,
    sex: a.sex,
    breastCancer: a.breastCancer,
    distantMetastasis: a.distantMetastasis,
    metastaticSites: SITES.filter((s) => (a.metastaticSites ?? []).includes(s)),
    diseaseStatus: a.diseaseStatus,
    primaryTissue: a.primaryTissue,
    scheduledClinicalBiopsy: a.scheduledClinicalBiopsy === 'yes' ? { site: a.biopsySite, date: a.biopsyDate } : undefined,
    willingResearchBiopsy: a.willingResearchBiopsy,
    effusionCytologyConfirmed: a.effusionCytologyConfirmed,
    ecog,
    canConsent: a.canConsent,
    pregnant: male ? undefined : a.pregnant,
    localAnestheticAllergy: a.localAnestheticAllergy,
    cognitiveImpairment: a.cognitiveImpairment,
  }) ?? {};
  const contact = compact({
    name: c.name.trim(),
    email: c.email.trim(),
    phone: c.phone.trim(),
    preferredLanguage: state.lang,
  });
  return { id: state.draft.id, answers, contact, consentToContact: true };
}

// ---------------------------------------------------------------------------------------------
// Client checks: only what needs no server knowledge

function checkStep(i) {
  const errors = {};
  const a = state.draft.answers;
  const c = state.draft.contact;
  if (STEPS[i].fields?.includes('scheduledClinicalBiopsy') && a.scheduledClinicalBiopsy === 'yes') {
    if (!a.biopsySite) errors.biopsySite = [{ code: 'biopsySite' }];
    if (!a.biopsyDate) errors.biopsyDate = [{ code: 'biopsyDate' }];
  }
  if (STEPS[i].contact) {
    if (!c.name.trim()) errors.name = [{ code: 'nameRequired' }];
    if (!c.email.trim() && !c.phone.trim()) errors.email = [{ code: 'reachRequired' }];
    if (!c.consent) errors.consent = [{ code: 'consentRequired' }];
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers

const $ = (id) => document.getElementById(id);
const t = () => T[state.lang];

function h(tag, props = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (typeof v === 'boolean') { if (k in el) el[k] = v; else el.setAttribute(k, ''); }
    else el.setAttribute(k, v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
  return el;
}

const ids = (...list) => list.filter(Boolean).join(' ') || undefined;
const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

function messageText(m) {
  return m.code ? t().errors[m.code] : capitalise(m.text);
}

/** The element that shows a field's errors right beside it (linked from the field by aria-describedby). */
function errorElement(key) {
  const list = state.errors[key];
  if (!list?.length) return null;
  const prefix = () => h('span', { class: 'visually-hidden', text: `${t().errorPrefix} ` });
  return h('div', { class: 'error field-error', id: `e-${key}` },
    list.map((m) => (m.code
      ? h('p', {}, prefix(), messageText(m))
      : h('p', {}, prefix(), t().serverPrefix ? `${t().serverPrefix} ` : '', h('span', { lang: 'en', text: capitalise(m.text) })))));
}

function fieldErrorId(key) {
  return state.errors[key]?.length ? `e-${key}` : undefined;
}

function invalid(key) {
  return state.errors[key]?.length ? 'true' : undefined;
}

/** Removes a field's error once the person changes it. */
function clearError(key) {
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

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(t().dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Controls for each kind of answer

function radioGroup(name, values, optionText, words, current, { idPrefix = name, key = name, stateKey = name } = {}) {
  const helpId = words.help ? `h-${name}` : undefined;
  const errId = fieldErrorId(key);
  return h('fieldset', { id: `g-${name}`, 'aria-describedby': ids(helpId, errId), class: 'question' },
    h('legend', { text: words.label }),
    words.help ? h('p', { class: 'hint', id: helpId, text: words.help }) : null,
    errorElement(key),
    values.map((v) => h('label', { class: 'choice' },
      h('input', {
        type: 'radio', name: stateKey, value: v, id: `f-${idPrefix}-${v}`, checked: String(current ?? '') === v && current !== undefined && current !== '',
        'data-key': key, 'aria-invalid': invalid(key), 'aria-describedby': errId,
      }),
      h('span', { text: optionText(v) }))));
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
  const errId = fieldErrorId(f.name);
  return h('div', { class: 'question' },
    h('label', { for: `f-${f.name}`, text: words.label }),
    words.help ? h('p', { class: 'hint', id: `h-${f.name}`, text: words.help }) : null,
    errorElement(f.name),
    h('input', {
      type: 'date', id: `f-${f.name}`, name: f.name, value: state.draft.answers[f.name] ?? '', autocomplete: 'bday',
      min: '1900-01-01', max: todayIso(), 'data-key': f.name, 'aria-invalid': invalid(f.name),
      'aria-describedby': ids(words.help && `h-${f.name}`, errId),
    }));
}

function sitesField(f, words) {
  const chosen = state.draft.answers.metastaticSites ?? [];
  const errId = fieldErrorId(f.name);
  return h('fieldset', { id: `g-${f.name}`, class: 'question', 'aria-describedby': ids(`h-${f.name}`, errId) },
    h('legend', { text: words.label }),
    h('p', { class: 'hint', id: `h-${f.name}`, text: words.help }),
    errorElement(f.name),
    SITES.map((s) => h('label', { class: 'choice' },
      h('input', {
        type: 'checkbox', name: 'metastaticSites', value: s, id: `f-metastaticSites-${s}`, checked: chosen.includes(s),
        'data-key': f.name, 'aria-invalid': invalid(f.name), 'aria-describedby': errId,
      }),
      h('span', { text: SITE_LABELS[state.lang][s] }))));
}

function biopsyField(f, words) {
  const a = state.draft.answers;
  const group = radioGroup(f.name, ['yes', 'no'], (v) => words[v], words, a.scheduledClinicalBiopsy);
  const siteErr = fieldErrorId('biopsySite');
  const dateErr = fieldErrorId('biopsyDate');
  const select = h('select', {
    id: 'f-biopsySite', name: 'biopsySite', 'data-key': 'biopsySite', 'aria-invalid': invalid('biopsySite'), 'aria-describedby': siteErr,
  },
  h('option', { value: '', text: t().choose }),
  SITES.map((s) => h('option', { value: s, text: SITE_LABELS[state.lang][s], selected: a.biopsySite === s })));
  const details = h('div', { class: 'reveal', id: 'biopsy-details', hidden: a.scheduledClinicalBiopsy !== 'yes' },
    h('label', { for: 'f-biopsySite', text: words.site }),
    errorElement('biopsySite'),
    select,
    h('label', { for: 'f-biopsyDate', text: words.date }),
    errorElement('biopsyDate'),
    h('input', {
      type: 'date', id: 'f-biopsyDate', name: 'biopsyDate', value: a.biopsyDate ?? '', min: todayIso(),
      'data-key': 'biopsyDate', 'aria-invalid': invalid('biopsyDate'), 'aria-describedby': dateErr,
    }));
  return h('div', { class: 'question-group' }, group, details);
}

function contactFields() {
  const c = state.draft.contact;
  const w = t();
  const text = (key, type, autocomplete, describedBy, extra = {}, hint = null) => h('div', { class: 'question' },
    h('label', { for: `f-${key}`, text: w[key] }),
    hint,
    errorElement(key),
    h('input', {
      type, id: `f-${key}`, name: key, value: c[key] ?? '', autocomplete, spellcheck: 'false',
      'data-key': key, 'aria-invalid': invalid(key), 'aria-describedby': ids(...describedBy, fieldErrorId(key)), ...extra,
    }));
  return [
    text('name', 'text', 'name', [], { spellcheck: undefined }),
    h('p', { class: 'hint', id: 'h-reach', text: w.reachHint }),
    text('email', 'email', 'email', ['h-reach']),
    text('phone', 'tel', 'tel', ['h-reach', 'h-phone'], {}, h('p', { class: 'hint', id: 'h-phone', text: w.phoneHint })),
    h('div', { class: 'question consent' },
      errorElement('consent'),
      h('label', { class: 'choice' },
        h('input', {
          type: 'checkbox', id: 'f-consent', name: 'consent', checked: Boolean(c.consent),
          'data-key': 'consent', 'aria-invalid': invalid('consent'), 'aria-describedby': fieldErrorId('consent'),
        }),
        h('span', { text: w.consent }))),
  ];
}

function questionFor(name) {
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
function visibleFields(i) {
  return (STEPS[i].fields ?? []).filter((n) => !(n === 'pregnant' && state.draft.answers.sex === 'male'));
}

// ---------------------------------------------------------------------------------------------
// Rendering

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

function errorSummary() {
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

function focusControl(key) {
  let el = $(controlIdOf(key));
  if (el?.tagName === 'FIELDSET') el = el.querySelector('input:checked') ?? el.querySelector('input');
  if (el) { el.focus(); return true; }
  return false;
}

function render({ focus = 'heading' } = {}) {
  setChrome();
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
        h('button', { type: 'button', id: 'resume-continue', onclick: resumeContinue, text: w.resumeContinue }),
        h('button', { type: 'button', id: 'resume-restart', class: 'secondary', onclick: resumeRestart, text: w.resumeRestart })),
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
  const form = h('form', { novalidate: true, id: 'step-form', 'aria-labelledby': 'page-title', onsubmit: onNext });
  if (i === 0) form.append(h('p', { class: 'lead', text: w.intro }), h('p', { class: 'hint', text: w.privacy }));
  if (s.intro) form.append(h('p', { class: 'lead', text: w[s.intro] }));
  if (s.contact) form.append(...contactFields());
  else form.append(...visibleFields(i).map(questionFor));
  form.append(h('div', { class: 'actions' },
    i > 0 ? h('button', { type: 'button', class: 'secondary', id: 'back', onclick: onBack, text: w.back }) : null,
    h('button', { type: 'submit', id: 'next', text: w.next })));
  if (state.fromReview) {
    form.append(h('p', { class: 'return' },
      h('button', { type: 'button', class: 'secondary', id: 'return-review', onclick: onReturnToReview, text: w.returnToReview })));
  }
  form.addEventListener('input', onInput);
  form.addEventListener('change', onInput);
  return [heading(w.titles[i]), errorSummary(), form].filter(Boolean);
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
        h('button', { type: 'button', class: 'secondary small', 'data-step': String(i), 'aria-describedby': titleId, onclick: onChange, text: w.change })),
      h('dl', { class: 'review' }, rows.flatMap(([dt, dd]) => [h('dt', { text: dt }), h('dd', { text: dd })])));
  });
  const failure = state.failure
    ? h('div', { class: 'banner error', role: 'alert', id: 'send-failure' },
      h('p', { text: w.failure[state.failure] }),
      h('button', { type: 'button', id: 'try-again', onclick: () => send(), text: w.tryAgain }))
    : null;
  // The automatic check (human-check.js): solved when Send is pressed, a fresh one each time.
  const check = h('div', { class: 'human-check', id: 'human-check' });
  humanCheck = createHumanCheck(check, state.lang);
  const form = h('form', { novalidate: true, id: 'review-form', 'aria-labelledby': 'page-title', onsubmit: (e) => { e.preventDefault(); send(); } },
    check,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'back', onclick: onBack, text: w.back }),
      h('button', { type: 'submit', id: 'send', text: w.send })),
    h('p', { id: 'send-status', class: 'hint', role: 'status', text: state.sending ? w.sending : '' }));
  return [heading(w.titles[REVIEW]), errorSummary(), failure, h('p', { class: 'lead', text: w.reviewIntro }), ...sections, form].filter(Boolean);
}

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

function onSummaryClick(e) {
  const a = e.target.closest('a[data-goto]');
  if (!a) return;
  e.preventDefault();
  const key = a.dataset.goto;
  const step = stepOfKey(key);
  if (step !== state.draft.step) { state.draft.step = step; save(); render({ focus: key }); } else focusControl(key);
}

// ---------------------------------------------------------------------------------------------
// Sending: one client id per submission, kept until a 202, so "Try again" never makes a duplicate

/** The review page's automatic check, made with the page (see reviewView). */
let humanCheck = null;

/** A fresh solved challenge for one request; a failure is marked `check`, so it is told as such. */
async function solveCheck(status) {
  if (status) status.textContent = t().checking;
  try {
    if (!humanCheck) throw new Error('no check on the page');
    return await humanCheck.solve();
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
  let lang = null;
  try { lang = storage()?.getItem(LANG_KEY); } catch { lang = null; }
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
  $('app').addEventListener('click', onSummaryClick);
  render({ focus: 'none' });
}

// Make sure every answer of fields.js that a patient gives is on some step (a guard for later edits).
for (const f of FIELDS) {
  if (!f.referralOnly && stepOfKey(f.name) === undefined) console.warn(`patient form: ${f.name} is on no step`);
}

start();
