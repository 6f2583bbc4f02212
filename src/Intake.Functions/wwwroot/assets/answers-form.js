// The clinical answers of eligibility.md in the protocol's own terms, for clinicians: the referral
// form (/refer) and the study team's corrections (/team). Renders every answer field into a
// container, reads them back into an `answers` object as the API takes it, fills them from one,
// and registers each field's JSON path ("answers.ecog") with an ErrorBoard so a 400 shows beside it.
//
//   const form = createAnswersForm(container, { idPrefix: 'ref', board });
//   form.read()          → { dateOfBirth: '1972-03-15', ecog: 1, … } (unanswered fields left out)
//   form.fill(answers)   → sets every field (missing → unanswered)
//
// A field left unanswered is sent as missing: the pre-check then calls its criterion Unknown.

import { FIELDS, SITES, SITE_LABELS } from './fields.js';
import { h, choiceFieldset } from './dom-kit.js';

const CONCERN_OPTIONS = [['true', 'Yes'], ['false', 'No'], ['', 'Not assessed']];

/**
 * @param {HTMLElement} container emptied and filled with the fields
 * @param {{ idPrefix?: string, board?: import('./field-errors.js').ErrorBoard, referral?: boolean, path?: string }} [options]
 *   idPrefix keeps ids unique when two forms share a page; referral (default true) includes the
 *   oncologist's fields (researchBiopsyPlan, oncologistConcerns); path is the answers' JSON path.
 */
export function createAnswersForm(container, { idPrefix = 'ans', board = null, referral = true, path = 'answers' } = {}) {
  const id = (...parts) => [idPrefix, ...parts].join('-');
  const readers = [];
  const fillers = [];

  /** A field's error paragraph, registered under its path. */
  const errorSlot = (fieldPath, label, controls) => {
    const slot = h('p', { class: 'error', id: id(fieldPath.replaceAll('.', '-'), 'error'), hidden: true });
    board?.register(`${path}.${fieldPath}`, { controls, slot, label });
    return slot;
  };

  /** A fieldset of radio buttons. `options`: [[value, label]]. Returns { element, radios }. */
  const radioGroup = (name, legend, options, { hint, fieldPath = name, cls = '' } = {}) => {
    const hintId = hint ? id(name, 'hint') : null;
    const radios = options.map(([value], i) => ({ type: 'radio', name: id(name), id: id(name, i), value, 'aria-describedby': hintId }));
    const { element, inputs } = choiceFieldset({
      fieldset: { class: `answer radios ${cls}`.trim(), id: id(name, 'group') },
      legend,
      hint: hint ? { id: hintId, text: hint } : null,
      options: radios.map((input, i) => ({ input, text: options[i][1] })),
      labelClass: 'choice compact',
      labelFor: true,
      wrap: 'options',
      error: (inputs) => errorSlot(fieldPath, legend, inputs),
    });
    return { element, radios: inputs };
  };

  const selectOf = (selectId, options, describedBy) =>
    h('select', { id: selectId, 'aria-describedby': describedBy }, options.map(([value, label]) => h('option', { value }, label)));

  const siteOptions = (emptyLabel) => [['', emptyLabel], ...SITES.map((s) => [s, SITE_LABELS.protocol[s]])];

  const blocks = [];
  for (const f of FIELDS) {
    if (f.referralOnly && !referral) continue;
    switch (f.kind) {
      case 'date': {
        const input = h('input', { type: 'date', id: id(f.name), name: f.name, max: '9999-12-31', autocomplete: 'off' });
        blocks.push(h('div', { class: 'answer field' }, h('label', { for: input.id }, f.protocol), errorSlot(f.name, f.protocol, [input]), input));
        readers.push((a) => { if (input.value) a[f.name] = input.value; });
        fillers.push((a) => { input.value = a[f.name] ?? ''; });
        break;
      }
      case 'choice': {
        const { element, radios } = radioGroup(f.name, f.protocol, f.values.map((v) => [v, f.protocolOptions[v]]));
        blocks.push(element);
        readers.push((a) => { const r = radios.find((x) => x.checked); if (r) a[f.name] = r.value; });
        fillers.push((a) => { for (const r of radios) r.checked = r.value === a[f.name]; });
        break;
      }
      case 'sites': {
        const legend = f.protocol;
        const { element, inputs: boxes } = choiceFieldset({
          fieldset: { class: 'answer checks', id: id(f.name, 'group') },
          legend,
          options: SITES.map((s) => ({ input: { type: 'checkbox', id: id(f.name, s), name: id(f.name), value: s }, text: SITE_LABELS.protocol[s] })),
          labelClass: 'choice compact',
          labelFor: true,
          wrap: 'options',
          error: (inputs) => errorSlot(f.name, legend, inputs),
        });
        blocks.push(element);
        // Sites keep the order they were given in (a correction must not look like a change), new ones after.
        let given = [];
        readers.push((a) => {
          const checked = boxes.filter((b) => b.checked).map((b) => b.value);
          const sites = [...given.filter((s) => checked.includes(s)), ...checked.filter((s) => !given.includes(s))];
          if (sites.length) a[f.name] = sites;
        });
        fillers.push((a) => { given = [...(a[f.name] ?? [])]; for (const b of boxes) b.checked = given.includes(b.value); });
        break;
      }
      case 'biopsy': {
        const hintId = id(f.name, 'hint');
        const site = selectOf(id(f.name, 'site'), siteOptions('None scheduled'), hintId);
        const date = h('input', { type: 'date', id: id(f.name, 'date'), max: '9999-12-31', 'aria-describedby': hintId });
        blocks.push(h('fieldset', { class: 'answer pair', id: id(f.name, 'group') },
          h('legend', {}, f.protocol),
          h('p', { class: 'hint', id: hintId }, 'Any site. Within 14 days makes the referral urgent: research specimens are taken during the same procedure.'),
          errorSlot(f.name, f.protocol, [site, date]),
          h('div', { class: 'pair-fields' },
            h('div', {}, h('label', { for: site.id }, 'Clinical biopsy site'), errorSlot(`${f.name}.site`, 'Clinical biopsy site', [site]), site),
            h('div', {}, h('label', { for: date.id }, 'Clinical biopsy date'), errorSlot(`${f.name}.date`, 'Clinical biopsy date', [date]), date))));
        readers.push((a) => {
          if (site.value || date.value) a[f.name] = { ...(site.value && { site: site.value }), ...(date.value && { date: date.value }) };
        });
        fillers.push((a) => { site.value = a[f.name]?.site ?? ''; date.value = a[f.name]?.date ?? ''; });
        break;
      }
      case 'plan': {
        const hintId = id(f.name, 'hint');
        const site = selectOf(id(f.name, 'site'), siteOptions('No plan yet'), hintId);
        const anesthesia = selectOf(id(f.name, 'anesthesia'), [['', 'Not stated'], ...Object.entries(f.anesthesia)], hintId);
        blocks.push(h('fieldset', { class: 'answer pair', id: id(f.name, 'group') },
          h('legend', {}, f.protocol),
          h('p', { class: 'hint', id: hintId }, 'Leave "No plan yet" when no research-only biopsy is planned: the metastatic sites above are then the candidates.'),
          errorSlot(f.name, f.protocol, [site, anesthesia]),
          h('div', { class: 'pair-fields' },
            h('div', {}, h('label', { for: site.id }, 'Research biopsy site'), errorSlot(`${f.name}.site`, 'Research biopsy site', [site]), site),
            h('div', {}, h('label', { for: anesthesia.id }, 'Anaesthesia'), errorSlot(`${f.name}.anesthesia`, 'Anaesthesia', [anesthesia]), anesthesia))));
        readers.push((a) => {
          if (site.value || anesthesia.value) a[f.name] = { ...(site.value && { site: site.value }), ...(anesthesia.value && { anesthesia: anesthesia.value }) };
        });
        fillers.push((a) => { site.value = a[f.name]?.site ?? ''; anesthesia.value = a[f.name]?.anesthesia ?? ''; });
        break;
      }
      case 'ecog': {
        const select = selectOf(id(f.name), [['', 'Unknown'], ...Object.entries(f.protocolOptions)]);
        blocks.push(h('div', { class: 'answer field' }, h('label', { for: select.id }, f.protocol), errorSlot(f.name, f.protocol, [select]), select));
        readers.push((a) => { if (select.value !== '') a[f.name] = Number(select.value); });
        fillers.push((a) => { select.value = a[f.name] === undefined || a[f.name] === null ? '' : String(a[f.name]); });
        break;
      }
      case 'concerns': {
        const groups = Object.entries(f.members).map(([member, legend]) => {
          const group = radioGroup(`${f.name}-${member}`, legend, CONCERN_OPTIONS, { fieldPath: `${f.name}.${member}`, cls: 'nested' });
          group.radios[2].checked = true; // Not assessed until the oncologist says
          return { member, ...group };
        });
        const all = groups.flatMap((g) => g.radios);
        blocks.push(h('fieldset', { class: 'answer concerns', id: id(f.name, 'group') },
          h('legend', {}, f.protocol),
          h('p', { class: 'hint', id: id(f.name, 'hint') }, '"Yes" means the exclusion applies. "Not assessed" leaves it to the treating oncologist at consent.'),
          errorSlot(f.name, f.protocol, all),
          groups.map((g) => g.element)));
        readers.push((a) => {
          const concerns = {};
          for (const g of groups) {
            const r = g.radios.find((x) => x.checked);
            if (r && r.value !== '') concerns[g.member] = r.value === 'true';
          }
          if (Object.keys(concerns).length) a[f.name] = concerns;
        });
        fillers.push((a) => {
          for (const g of groups) {
            const v = a[f.name]?.[g.member];
            const want = v === true ? 'true' : v === false ? 'false' : '';
            for (const r of g.radios) r.checked = r.value === want;
          }
        });
        break;
      }
      default:
        break;
    }
  }

  container.replaceChildren(h('div', { class: 'answers-grid' }, blocks));

  return {
    /** The answers as the API takes them; what is not answered is left out. */
    read() {
      const answers = {};
      for (const read of readers) read(answers);
      return answers;
    },
    /** Sets every field from an answers object (as GET /api/submissions/{id} shows them). */
    fill(answers) {
      for (const set of fillers) set(answers ?? {});
    },
    /** The element holding the fields. */
    element: container,
  };
}
