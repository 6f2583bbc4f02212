// Shows a 400 problem's `errors` (keyed by JSON path: "answers.ecog", "patient.phone") beside the
// fields they are about, with a summary in a role=alert box, and moves focus to the first one.
// Used by the referral form and by the team page (status, corrections, referrer updates).

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
 * A set of fields that can show errors. Register each JSON path with the controls it is about
 * (inputs, selects, radios), the element where its message goes (a `.error` paragraph, hidden
 * until needed) and a human label for the summary.
 */
export class ErrorBoard {
  /**
   * @param {HTMLElement} summary where the summary goes (gets role=alert); emptied when there is nothing to say
   */
  constructor(summary) {
    this.summary = summary;
    this.targets = new Map();
    this.shown = [];
    summary.setAttribute('role', 'alert');
    summary.setAttribute('tabindex', '-1');
    summary.classList.add('error-summary');
  }

  /** A new id for an error message element. */
  static newId(base = 'err') {
    counter += 1;
    return `${base}-${counter}`;
  }

  /**
   * @param {string} path JSON path, e.g. "answers.ecog"
   * @param {{ controls: Element[], slot: HTMLElement, label: string }} target
   */
  register(path, { controls, slot, label }) {
    if (!slot.id) slot.id = ErrorBoard.newId();
    slot.classList.add('error');
    slot.hidden = true;
    this.targets.set(path, { controls: controls.filter(Boolean), slot, label });
  }

  /** Removes every registration whose path starts with `prefix` (when a part of the form is rebuilt). */
  forget(prefix) {
    for (const path of [...this.targets.keys()]) if (path === prefix || path.startsWith(`${prefix}.`)) this.targets.delete(path);
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
    for (const target of this.shown) {
      target.slot.hidden = true;
      target.slot.textContent = '';
      for (const control of target.controls) {
        control.removeAttribute('aria-invalid');
        const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== target.slot.id);
        if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
        else control.removeAttribute('aria-describedby');
      }
    }
    this.shown = [];
    fill(this.summary);
  }

  /** Shows a message in the summary alone (no field), e.g. a problem's detail. */
  message(text) {
    this.clear();
    fill(this.summary, h('p', {}, text));
  }

  /**
   * Shows `errors` ({ path: [messages] }) beside their fields and in the summary; focuses the
   * first field in page order (or the summary when none is on the page). Returns the number of messages.
   * @param {Record<string, string[]>} errors
   * @param {string} [detail] the problem's detail, shown above the list when nothing is registered
   */
  show(errors, detail) {
    this.clear();
    const byTarget = new Map();
    const loose = [];
    for (const [path, messages] of Object.entries(errors ?? {})) {
      const list = (Array.isArray(messages) ? messages : [messages]).map(sentence).filter(Boolean);
      const target = this.targetFor(path);
      if (!target) {
        for (const m of list) loose.push(`${path || 'The request'}: ${m}`);
        continue;
      }
      if (!byTarget.has(target)) byTarget.set(target, []);
      byTarget.get(target).push(...list);
    }

    const ordered = [...byTarget.entries()].sort(([a], [b]) =>
      a.slot.compareDocumentPosition(b.slot) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    for (const [target, messages] of ordered) {
      fill(target.slot, ...messages.flatMap((m, i) => (i ? [h('br'), m] : [m])));
      target.slot.hidden = false;
      for (const control of target.controls) {
        control.setAttribute('aria-invalid', 'true');
        const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
        if (!ids.includes(target.slot.id)) control.setAttribute('aria-describedby', [target.slot.id, ...ids].join(' '));
      }
      this.shown.push(target);
    }

    const count = ordered.reduce((n, [, m]) => n + m.length, 0) + loose.length;
    const items = [
      ...ordered.flatMap(([target, messages]) => messages.map((m) =>
        h('li', {}, h('a', { href: `#${focusable(target).id}`, onclick: (e) => { e.preventDefault(); focusTarget(target); } }, `${target.label}: ${m}`)))),
      ...loose.map((m) => h('li', {}, m)),
    ];
    fill(this.summary,
      h('p', { class: 'summary-title' }, count === 1 ? 'One thing to fix:' : `${count || 'Some'} things to fix:`),
      detail && !ordered.length ? h('p', {}, detail) : null,
      items.length ? h('ul', {}, items) : null);

    if (ordered.length) focusTarget(ordered[0][0]);
    else this.summary.focus();
    return count;
  }
}

function focusable(target) {
  const checked = target.controls.find((c) => c.checked);
  const control = checked ?? target.controls[0];
  if (control && !control.id) control.id = ErrorBoard.newId('ctl');
  return control ?? target.slot;
}

function focusTarget(target) {
  const control = focusable(target);
  control.focus();
  control.scrollIntoView?.({ block: 'center' });
}
