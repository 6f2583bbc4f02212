// Small DOM helpers for every page (the patient form, /refer, /team). Text only ever goes in as text
// nodes, never as HTML; events go through addEventListener (the pages' CSP forbids inline handlers).

/**
 * Creates an element. `props`: `class`, `text`, `on<event>` (a function), anything else as an
 * attribute (true → present, false/null/undefined → left out). Children: nodes, strings, arrays, null.
 */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Like h(), for SVG elements. */
export function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(el, props, children) {
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A fieldset of choices, radio buttons or checkboxes: its legend, a hint, an error element, then a
 * label per option holding the option's input and its text (in a div of class `wrap` when given;
 * each label names its input with `for` when `labelFor`). `error` is the error element, or a
 * function that makes it from the inputs (to register them with an ErrorBoard). The patient form and the clinicians'
 * answers form draw every choice with it. Returns { element, inputs }.
 * @param {{ fieldset: object, legend: string, hint?: { id: string, text: string } | null,
 *   options: { input: object, text: string }[], labelClass?: string, labelFor?: boolean, wrap?: string | null,
 *   error?: Node | null | ((inputs: HTMLInputElement[]) => Node) }} parts
 */
export function choiceFieldset({ fieldset, legend, hint = null, error = null, options, labelClass = 'choice', labelFor = false, wrap = null }) {
  const inputs = options.map((o) => h('input', o.input));
  const labels = inputs.map((input, i) => h('label', { class: labelClass, for: labelFor ? input.id : null }, input, h('span', { text: options[i].text })));
  const element = h('fieldset', fieldset,
    h('legend', { text: legend }),
    hint ? h('p', { class: 'hint', id: hint.id, text: hint.text }) : null,
    typeof error === 'function' ? error(inputs) : error,
    wrap ? h('div', { class: wrap }, labels) : labels);
  return { element, inputs };
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The first 8 characters of a UUID: enough to tell items apart on a page. */
export const shortId = (id) => String(id ?? '').slice(0, 8);

/** The study site's time zone (eligibility.md: America/Chicago). */
export const SITE_TIME_ZONE = 'America/Chicago';

/** An instant as the site reads it, e.g. "Nov 26, 2026, 4:59 AM CST". */
export function formatInstant(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { timeZone: SITE_TIME_ZONE, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
}

/** A <time> element for an instant. */
export const timeEl = (iso) => h('time', { datetime: iso }, formatInstant(iso));

/** Today's date at the site, as YYYY-MM-DD. */
export function siteToday() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: SITE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Whole days from the site's today to a YYYY-MM-DD date (negative when past). */
export function daysFromToday(date) {
  const a = Date.parse(`${siteToday()}T00:00:00Z`);
  const b = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(b) ? null : Math.round((b - a) / 86400000);
}

/** "2026-12-01 (in 5 days)", "(today)", "(3 days ago)". */
export function describeDate(date) {
  if (!date) return '';
  const days = daysFromToday(date);
  if (days === null) return date;
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days === -1 ? 'yesterday' : days > 0 ? `in ${days} days` : `${-days} days ago`;
  return `${date} (${when})`;
}
