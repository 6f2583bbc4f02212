// Shows a 400 problem's `errors` (keyed by JSON path: "answers.ecog", "patient.phone") beside the
// fields they are about, with a summary in a role=alert box, and moves focus to the first one.
// Used by every page: the referral form and the team page (status, corrections, referrer updates)
// with its defaults (English, the API's own messages), and the patient form with options (its two
// languages, its own messages, links that lead to another step, slots drawn only when needed).

import { h, fill } from './dom-kit.js';

let counter = 0;

/**
 * The API's messages follow the field's name ("is required: …", "must be …"); beside the field
 * they stand alone: "Required: …", "Must be …".
 */
const sentence = (message) => {
  const text = String(message ?? '').trim().replace(/^is\s+/, '');
  return text ? text[0].toUpperCase() + text.slice(1) : text;
};

/** "answers.metastaticSites[0]" → "answers.metastaticSites"; "answers.ecog" → "answers"; "answers" → "". */
export function parentPath(path) {
  if (path.endsWith(']')) return path.slice(0, path.lastIndexOf('['));
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}

/**
 * What a board says and how, for a page that is not in the API's English (all optional).
 * @typedef {object} BoardOptions
 * @property {(message: any) => any} [read] a message as given → as shown (falsy: left out); default: the API's text as a sentence
 * @property {(count: number, loose: number) => Node} [title] the summary's heading, from the number of messages and of those about no field
 * @property {(path: string, target: object | null) => string | undefined} [label] a field's name in the summary; default: the registered label
 * @property {(message: any, path: string) => Node | string} [inSummary] a message after "label: " in the summary
 * @property {(messages: any[], path: string) => (Node | string)[]} [beside] the children of a field's slot
 * @property {(path: string, message: any) => HTMLLIElement} [loose] the summary's item for a message about no field
 * @property {(path: string, target: object | null) => object} [link] the attributes of a summary link (href, data-…)
 * @property {(a: string, b: string) => number} [order] the summary's order of paths; default: the fields' order on the page
 * @property {(path: string) => void} [elsewhere] takes the person to a field that is not on the page; given, a
 *   message with a label but no registered field is a link that calls it rather than a loose item
 * @property {boolean} [messageIdFirst] the message's id goes before the control's other descriptions (default true)
 * @property {boolean} [scroll] focusing a field also scrolls it to the middle of the screen (default true)
 * @property {boolean} [summaryTakesFocus] the summary can take focus, and does when no field is on the page (default true)
 */

/** @type {Required<BoardOptions>} */
const DEFAULTS = {
  read: sentence,
  title: (count) => h('p', { class: 'summary-title' }, count === 1 ? 'One thing to fix:' : `${count || 'Some'} things to fix:`),
  label: (path, target) => target?.label,
  inSummary: (message) => message,
  beside: (messages) => messages.flatMap((m, i) => (i ? [h('br'), m] : [m])),
  loose: (path, message) => h('li', {}, `${path || 'The request'}: ${message}`),
  link: (path, target) => ({ href: `#${focusable(target).id}` }),
  order: null,
  elsewhere: null,
  messageIdFirst: true,
  scroll: true,
  summaryTakesFocus: true,
};

/**
 * A set of fields that can show errors. Register each JSON path with the controls it is about
 * (inputs, selects, radios), the element where its message goes (a `.error` paragraph, hidden
 * until needed, or put in only while it has something to say) and a human label for the summary.
 */
export class ErrorBoard {
  /**
   * @param {HTMLElement} summary where the summary goes (gets role=alert); emptied when there is nothing to say
   * @param {BoardOptions} [options] what differs from the API's English (see BoardOptions)
   */
  constructor(summary, options = {}) {
    this.summary = summary;
    this.options = { ...DEFAULTS, ...options };
    this.targets = new Map();
    this.shown = [];
    summary.setAttribute('role', 'alert');
    if (this.options.summaryTakesFocus) summary.setAttribute('tabindex', '-1');
    summary.classList.add('error-summary');
  }

  /** A new id for an error message element. */
  static newId(base = 'err') {
    counter += 1;
    return `${base}-${counter}`;
  }

  /**
   * @param {string} path JSON path, e.g. "answers.ecog"
   * @param {{ controls: Element[], slot: HTMLElement, label?: string, described?: Element[], before?: Element | null }} target
   *   `described`: elements the message also describes but that are not invalid themselves (a fieldset
   *   around radio buttons); `before`: the slot is not on the page, and is put in just before this
   *   element while it has messages (a form drawn again from its state has no empty slots)
   */
  register(path, { controls, slot, label, described = [], before = null }) {
    if (!slot.id) slot.id = ErrorBoard.newId();
    slot.classList.add('error');
    if (!before) slot.hidden = true;
    this.targets.set(path, { path, controls: controls.filter(Boolean), described: described.filter(Boolean), slot, label, before });
  }

  /** Removes every registration whose path starts with `prefix` (when a part of the form is rebuilt); every one when no prefix. */
  forget(prefix) {
    for (const path of [...this.targets.keys()]) {
      if (prefix === undefined || path === prefix || path.startsWith(`${prefix}.`)) this.targets.delete(path);
    }
  }

  /** The registered target for a path, or its nearest registered parent. */
  targetFor(path) {
    for (let p = path; p; p = parentPath(p)) {
      if (this.targets.has(p)) return this.targets.get(p);
    }
    return null;
  }

  /** Hides every message and the summary. */
  clear() {
    for (const target of this.shown) this.#unmark(target);
    this.shown = [];
    fill(this.summary);
  }

  /** Takes the messages of one registered path away from beside its field (once the person changes it); the summary stays until drawn again. */
  clearPath(path) {
    const target = this.targets.get(path);
    if (!target || !this.shown.includes(target)) return;
    this.#unmark(target);
    this.shown = this.shown.filter((t) => t !== target);
  }

  /** Shows a message in the summary alone (no field), e.g. a problem's detail. */
  message(text) {
    this.clear();
    fill(this.summary, h('p', {}, text));
  }

  /** Focuses the field registered for a path; false when it is not on the page. */
  focus(path) {
    const target = this.targets.get(path);
    if (!target) return false;
    this.#focusTarget(target);
    return true;
  }

  /**
   * Shows `errors` ({ path: [messages] }) beside their fields and in the summary; focuses the
   * first field in the summary's order (or the summary when none is on the page). Returns the number of messages.
   * @param {Record<string, any[]>} errors
   * @param {string} [detail] the problem's detail, shown above the list when nothing is registered
   * @param {{ focus?: boolean }} [how] focus: false leaves the focus where it is (the page moves it itself)
   */
  show(errors, detail, { focus = true } = {}) {
    this.clear();
    const o = this.options;
    const groups = new Map();
    const loose = [];
    for (const [path, messages] of Object.entries(errors ?? {})) {
      const list = (Array.isArray(messages) ? messages : [messages]).map(o.read).filter(Boolean);
      if (!list.length) continue;
      const target = this.targetFor(path);
      if (!target && !(o.elsewhere && o.label(path, null))) {
        loose.push(...list.map((m) => [path, m]));
        continue;
      }
      const key = target ?? path;
      if (!groups.has(key)) groups.set(key, { path: target?.path ?? path, target, messages: [] });
      groups.get(key).messages.push(...list);
    }

    for (const { path, target, messages } of groups.values()) if (target) this.#mark(target, messages, path);
    const ordered = [...groups.values()].sort(o.order ? (a, b) => o.order(a.path, b.path) : pageOrder);

    const count = ordered.reduce((n, g) => n + g.messages.length, 0) + loose.length;
    const items = [
      ...ordered.flatMap((g) => g.messages.map((m) => h('li', {},
        h('a', { ...o.link(g.path, g.target), onclick: (e) => { e.preventDefault(); this.#follow(g); } },
          `${o.label(g.path, g.target)}: `, o.inSummary(m, g.path))))),
      ...loose.map(([path, m]) => o.loose(path, m)),
    ];
    fill(this.summary,
      o.title(count, loose.length),
      detail && !ordered.length ? h('p', {}, detail) : null,
      items.length ? h('ul', {}, items) : null);

    if (focus) {
      const first = ordered.find((g) => g.target);
      if (first) this.#focusTarget(first.target);
      else this.summary.focus();
    }
    return count;
  }

  #follow({ path, target }) {
    if (target) this.#focusTarget(target);
    else this.options.elsewhere(path);
  }

  #mark(target, messages, path) {
    const { slot } = target;
    fill(slot, ...this.options.beside(messages, path));
    if (target.before) target.before.before(slot);
    else slot.hidden = false;
    for (const control of target.controls) control.setAttribute('aria-invalid', 'true');
    for (const element of [...target.described, ...target.controls]) {
      const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      if (ids.includes(slot.id)) continue;
      element.setAttribute('aria-describedby', (this.options.messageIdFirst ? [slot.id, ...ids] : [...ids, slot.id]).join(' '));
    }
    this.shown.push(target);
  }

  #unmark(target) {
    const { slot } = target;
    if (target.before) slot.remove();
    else slot.hidden = true;
    slot.textContent = '';
    for (const element of [...target.described, ...target.controls]) {
      element.removeAttribute('aria-invalid');
      const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== slot.id);
      if (ids.length) element.setAttribute('aria-describedby', ids.join(' '));
      else element.removeAttribute('aria-describedby');
    }
  }

  #focusTarget(target) {
    const control = focusable(target);
    control.focus();
    if (this.options.scroll) control.scrollIntoView?.({ block: 'center' });
  }
}

/** Fields in the order of their slots on the page; those not on the page last. */
function pageOrder(a, b) {
  if (!a.target || !b.target) return (a.target ? 0 : 1) - (b.target ? 0 : 1);
  return a.target.slot.compareDocumentPosition(b.target.slot) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function focusable(target) {
  const checked = target.controls.find((c) => c.checked);
  const control = checked ?? target.controls[0];
  if (control && !control.id) control.id = ErrorBoard.newId('ctl');
  return control ?? target.slot;
}
