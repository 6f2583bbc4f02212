// The team's actions on the open item: its status, reopening, marking it not genuine, telling the
// referrer, corrected answers; and its follow-up (api-2.md, "Working an item"): who follows it up,
// the attempts to reach the person, and the single-key shortcuts of an open item (a: assign to me,
// c: log a contact attempt), which a person can turn off (WCAG 2.1.4).

import { ApiError } from './api.js';
import { h, fill, shortId, describeDate } from './dom-kit.js';
import { ErrorBoard } from './field-errors.js';
import { createAnswersForm } from './answers-form.js';
import { TEAM_STATUSES, TEAM_STATUS_LABEL, REFERRER_STATUSES, CHANNEL, CONTACT_OUTCOME, attemptText } from './team-words.js';
import { $, state, SignedOut, announce, problemText, pairs, tel } from './team-page.js';
import { api } from './team-signin.js';
import { renderItem, reloadItem } from './team-item.js';
import { refreshLists } from './team-lists.js';

/** A submit handler that disables the form's button while it runs and handles a lost key. */
function busy(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button.disabled) return;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await action();
    } catch (error) {
      if (error instanceof SignedOut) return;
      // Said beside the action (its role=alert summary) when it has one, else in the live region.
      const summary = form.isConnected ? form.querySelector('.error-summary') : null;
      if (summary) fill(summary, h('p', {}, problemText(error)));
      else announce(problemText(error), true);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

/**
 * A field of an action's form: its label, a hint when given (the control names it with
 * aria-describedby), the paragraph its errors go in, the control; registered with the form's board
 * under the JSON path the service names it by, with the label for the summary.
 */
function actionField(board, path, control, label, hint = null) {
  const slot = h('p', { id: `${control.id}-error` });
  board.register(path, { controls: [control], slot, label });
  return h('div', { class: 'field' }, h('label', { for: control.id }, label),
    hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null, slot, control);
}

/** After an action: the item as the action answered it, then the lists and the funnel. */
async function afterAction(submission, message, focusId) {
  renderItem(submission, focusId, { text: message });
  announce(message);
  try {
    await refreshLists();
  } catch (error) {
    if (!(error instanceof SignedOut)) announce(`${message} The lists could not be refreshed: ${problemText(error)}`, true);
  }
}

export function statusBlock(s) {
  const select = h('select', { id: 'ts-status' }, TEAM_STATUSES.map((v) => h('option', { value: v }, TEAM_STATUS_LABEL[v])));
  select.value = s.teamStatus;
  const note = h('textarea', { id: 'ts-note', maxlength: '2000', 'aria-describedby': 'ts-note-hint' });
  const summary = h('div', {});
  const board = new ErrorBoard(summary);
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Record what you did'),
    summary,
    actionField(board, 'status', select, 'Team status'),
    actionField(board, 'note', note, 'Note', 'Optional, up to 2,000 characters; kept in the history.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ts-save' }, 'Save status')));
  busy(form, async () => {
    board.clear();
    const body = { status: select.value };
    if (note.value.trim()) body.note = note.value.trim();
    try {
      const updated = await api('POST', `/api/submissions/${s.id}/team-status`, body);
      await afterAction(updated, `Team status saved: ${TEAM_STATUS_LABEL[updated.teamStatus] ?? updated.teamStatus}.`, 'ts-save');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) board.show(error.errors, problemText(error));
      else throw error;
    }
  });
  return form;
}

export function reopenBlock(s) {
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Screened out'),
    h('p', {}, 'A person may have answered wrongly. Reopening puts this item on the worklist as Normal, marked reopened, whatever its result.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'item-reopen' }, 'Reopen')));
  busy(form, () => reopenFromItem(s, `Reopened submission ${shortId(s.id)}: it is on the worklist.`));
  return form;
}

/** Reopens the open item and says so with done; a 409 (it changed meanwhile) is announced and the item read again. */
async function reopenFromItem(s, done) {
  try {
    const updated = await api('POST', `/api/submissions/${s.id}/reopen`);
    await afterAction(updated, done, 'item-h');
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) await conflictAgain(error);
    else throw error;
  }
}

/** A 409 on an open item: said aloud, and the item drawn again from what is stored now. */
async function conflictAgain(error) {
  announce(problemText(error), true);
  await reloadItem('item-h', { text: problemText(error), error: true });
}

/** Marks the item not genuine, with the reason the team gives: it leaves both lists, kept 30 days for review. */
export function notGenuineBlock(s) {
  const reason = h('textarea', { id: 'ng-reason', maxlength: '500', required: true, 'aria-describedby': 'ng-reason-hint' });
  const summary = h('div', {});
  const board = new ErrorBoard(summary);
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Not genuine'),
    summary,
    h('p', {}, 'A post that is not a real person\'s (a script, a test, spam). It leaves both lists and the figures, sends no alert, and is removed after 30 days unless reopened.'),
    actionField(board, 'reason', reason, 'Reason', 'Required, up to 500 characters; kept in the history.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ng-mark', class: 'secondary' }, 'Mark not genuine')));
  busy(form, async () => {
    board.clear();
    try {
      const updated = await api('POST', `/api/submissions/${s.id}/not-genuine`, { reason: reason.value.trim() });
      await afterAction(updated, `Submission ${shortId(s.id)} marked not genuine: it is off the lists.`, 'item-h');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) board.show(error.errors, problemText(error));
      else if (error instanceof ApiError && error.status === 409) await conflictAgain(error);
      else throw error;
    }
  });
  return form;
}

/** An item marked not genuine: who, why, until when; reopening undoes it. */
export function notGenuineReviewBlock(s) {
  const mark = s.notGenuine ?? {};
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Marked not genuine'),
    h('p', {}, `By ${mark.by ?? 'someone'} on ${mark.markedAt ? new Date(mark.markedAt).toLocaleString() : '?'}: ${mark.reason ?? ''}`),
    h('p', {}, `Removed for good after ${mark.removalDue ? new Date(mark.removalDue).toLocaleDateString() : '30 days'}. Reopening puts it back on its list and cancels the removal.`),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'item-reopen' }, 'Reopen')));
  busy(form, () => reopenFromItem(s, `Reopened submission ${shortId(s.id)}: it is back on its list.`));
  return form;
}

export async function reopenItem(id, button) {
  button.disabled = true;
  try {
    const updated = await api('POST', `/api/submissions/${id}/reopen`);
    state.opener = null;
    await afterAction(updated, `Reopened submission ${shortId(id)}: it is on the worklist.`, 'item-h');
  } catch (error) {
    if (error instanceof SignedOut) return;
    announce(problemText(error), true);
    if (button.isConnected) { button.disabled = false; button.focus(); }
  }
}

export function referrerBlock(s) {
  if (!s.referrer?.email) {
    return h('div', { class: 'action-block' }, h('h4', {}, 'Tell the referrer'),
      h('p', {}, 'The referrer gave no e-mail address, so the service cannot write to them.',
        s.referrer?.phone ? [' Phone: ', tel(s.referrer.phone), '.'] : ''));
  }
  if (!s.referrer.emailConfirmed) return referrerConfirmationBlock(s);
  const confirmed = s.referrer.emailConfirmed;
  const select = h('select', { id: 'ru-status' }, Object.entries(REFERRER_STATUSES).map(([v, label]) => h('option', { value: v }, label)));
  const summary = h('div', {});
  const board = new ErrorBoard(summary);
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Tell the referrer where the referral stands'),
    h('p', { class: 'hint', id: 'ru-hint' }, `An e-mail to ${s.referrer.email} with the referral's id, its date and this status; nothing about the patient.`),
    h('p', { id: 'ru-confirmed' }, `Address confirmed by ${confirmed.by ?? 'someone'} on ${confirmed.at ? new Date(confirmed.at).toLocaleString() : '?'}.`),
    summary,
    h('div', { class: 'row' },
      actionField(board, 'status', select, 'Status for the referrer'),
      h('button', { type: 'submit', id: 'ru-send', 'aria-describedby': 'ru-hint' }, 'Tell the referrer')));
  busy(form, async () => {
    board.clear();
    await postFromForm(board, () => api('POST', `/api/submissions/${s.id}/referrer-updates`, { status: select.value }),
      (sent) => `The referrer will be e-mailed: ${REFERRER_STATUSES[sent.status] ?? sent.status} (request ${shortId(sent.requestId)}).`, 'ru-send');
  });
  return form;
}

/**
 * Sends a form's request; on success reads the item again and says what happened (focus on
 * focusId), a 400 is shown beside the form's fields and a 409 in its summary.
 */
async function postFromForm(board, send, say, focusId) {
  try {
    const message = say(await send());
    await reloadItem(focusId, { text: message });
    announce(message);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) board.show(error.errors, problemText(error));
    else if (error instanceof ApiError && error.status === 409) board.message(problemText(error));
    else throw error;
  }
}

/**
 * Before any update, a coordinator confirms that the referral's self-declared address is the
 * referrer's own: an update says whether the person enrolled, and a public form takes any address.
 */
function referrerConfirmationBlock(s) {
  const checked = h('input', { type: 'checkbox', id: 'rc-checked', 'aria-describedby': 'rc-hint' });
  const summary = h('div', {});
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Confirm the referrer\'s e-mail address'),
    h('p', { class: 'hint', id: 'rc-hint' }, `Updates go only to an address a coordinator has confirmed. Anyone can type an address into the referral form, so check that ${s.referrer.email} belongs to ${s.referrer.name ?? 'the referrer'} (the practice's directory, a call to the practice) before you confirm it. If it is wrong, call the referrer instead.`),
    summary,
    h('div', { class: 'field' },
      h('p', { id: 'rc-checked-error' }),
      h('label', { for: 'rc-checked' }, checked, ` I checked that ${s.referrer.email} is the referrer's address`)),
    h('button', { type: 'submit', id: 'rc-confirm' }, 'Confirm the address'));
  const board = new ErrorBoard(summary);
  board.register('email', { controls: [checked], slot: form.querySelector('#rc-checked-error'), label: 'Address checked' });
  busy(form, async () => {
    board.clear();
    if (!checked.checked) {
      board.show({ email: ['Tick the box once you have checked the address is the referrer\'s.'] }, 'The address is not confirmed yet.');
      return;
    }
    await postFromForm(board, () => api('POST', `/api/submissions/${s.id}/referrer-confirmation`, { email: s.referrer.email }),
      () => `The referrer's address ${s.referrer.email} is confirmed: updates can be sent to it.`, 'ru-status');
  });
  return form;
}

/** The corrections form is kept while it has unsaved edits, so another action does not wipe them. */
export function correctionBlock(s) {
  const fix = state.fix;
  if (fix && fix.id === s.id && JSON.stringify(fix.form.read()) !== fix.baseline) return fix.element;

  const summary = h('div', {});
  const container = h('div', {});
  const form = h('form', { class: 'action-block corrections', novalidate: true, id: 'fix-form' },
    h('h4', {}, 'Correct the answers'),
    h('p', { class: 'hint' }, 'After a call with the patient or the oncologist. All the answers are sent again; the pre-check runs again with today\'s date and the history keeps the earlier result.'),
    summary,
    container,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'fix-save' }, 'Save corrected answers')));
  const board = new ErrorBoard(summary);
  const answers = createAnswersForm(container, { idPrefix: 'fix', board, referral: true });
  answers.fill(s.answers ?? {});
  state.fix = { id: s.id, form: answers, baseline: JSON.stringify(answers.read()), element: form };
  busy(form, async () => {
    board.clear();
    try {
      const updated = await api('PUT', `/api/submissions/${s.id}/answers`, { answers: answers.read() });
      state.fix = null;
      const last = updated.history?.[updated.history.length - 1]?.event;
      await afterAction(updated, `Corrected answers saved. ${last ?? ''}`.trim(), 'fix-save');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) board.show(error.errors, problemText(error));
      else throw error;
    }
  });
  return form;
}

// ---------------------------------------------------------------- the follow-up

const SHORTCUTS_OFF = 'mbcintake.shortcutsOff';
const shortcutsOn = () => localStorage.getItem(SHORTCUTS_OFF) !== '1';

/** The open item's follow-up: who follows it up, the last attempt, the next contact; assign and log forms. */
export function workBlock(s) {
  if (s.status === 'NotGenuine') return null;
  const attempt = s.lastContactAttempt;
  const toggle = h('input', { type: 'checkbox', id: 'shortcuts-on' });
  toggle.checked = shortcutsOn();
  toggle.addEventListener('change', () => {
    localStorage.setItem(SHORTCUTS_OFF, toggle.checked ? '0' : '1');
    announce(toggle.checked ? 'Single-key shortcuts on: a assigns to me, c logs a contact attempt.' : 'Single-key shortcuts off.');
  });
  return [
    h('h3', { id: 'work-h', tabindex: '-1' }, 'Follow-up'),
    pairs([
      ['Assigned to', s.assignedTo ?? 'Nobody'],
      ['Last contact attempt', attempt ? attemptText(attempt) : 'None yet'],
      attempt?.note ? ['Its note', attempt.note] : null,
      ['Next contact', s.nextContactOn ? describeDate(s.nextContactOn) : 'Not set'],
    ]),
    h('div', { class: 'shortcuts' }, h('label', { for: 'shortcuts-on' }, toggle, ' Single-key shortcuts on this item: a assigns it to me, c logs a contact attempt')),
    assignBlock(s),
    contactAttemptBlock(s),
  ];
}

function assignBlock(s) {
  const mine = state.me?.name && s.assignedTo === state.me.name;
  const name = h('input', { type: 'text', id: 'as-name', maxlength: '100', autocomplete: 'off', 'aria-describedby': 'as-name-hint' });
  const toMe = h('button', { type: 'button', id: 'as-me', class: 'secondary', 'aria-keyshortcuts': 'A', disabled: !state.me || mine ? true : null },
    state.me ? `Assign to me (${state.me.name})` : 'Assign to me');
  const release = s.assignedTo ? h('button', { type: 'button', id: 'as-release', class: 'secondary' }, 'Release') : null;
  const summary = h('div', {});
  const board = new ErrorBoard(summary);
  const form = h('form', { class: 'action-block', novalidate: true, id: 'as-form' },
    h('h4', {}, 'Who follows it up'),
    summary,
    h('div', { class: 'actions' }, toMe, release),
    h('div', { class: 'row' },
      actionField(board, 'assignedTo', name, 'Assign to', 'A team member\'s name as they sign in, up to 100 characters.'),
      h('button', { type: 'submit', id: 'as-save' }, 'Assign')));
  const assign = async (to, focusId) => {
    board.clear();
    try {
      const updated = await api('POST', `/api/submissions/${s.id}/assignment`, { assignedTo: to });
      await afterAction(updated, to === null ? `Submission ${shortId(s.id)} released: nobody follows it up.` : `Submission ${shortId(s.id)} assigned to ${updated.assignedTo}.`, focusId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) board.show(error.errors, problemText(error));
      else if (error instanceof ApiError && error.status === 409) await conflictAgain(error);
      else throw error;
    }
  };
  pressing(toMe, () => assign(state.me.name, 'work-h'));
  if (release) pressing(release, () => assign(null, 'work-h'));
  busy(form, () => assign(name.value, 'work-h'));
  return form;
}

function contactAttemptBlock(s) {
  const channel = h('select', { id: 'ca-channel', 'aria-keyshortcuts': 'C' }, Object.entries(CHANNEL).map(([v, label]) => h('option', { value: v }, label)));
  const outcome = h('select', { id: 'ca-outcome' }, Object.entries(CONTACT_OUTCOME).map(([v, label]) => h('option', { value: v }, label)));
  const note = h('textarea', { id: 'ca-note', maxlength: '2000', 'aria-describedby': 'ca-note-hint' });
  const next = h('input', { type: 'date', id: 'ca-next', 'aria-describedby': 'ca-next-hint' });
  const summary = h('div', {});
  const board = new ErrorBoard(summary);
  const form = h('form', { class: 'action-block', novalidate: true, id: 'ca-form' },
    h('h4', {}, 'Log a contact attempt'),
    summary,
    h('div', { class: 'row' },
      actionField(board, 'channel', channel, 'Channel'),
      actionField(board, 'outcome', outcome, 'Outcome of the attempt')),
    actionField(board, 'note', note, 'Attempt note', 'Optional, up to 2,000 characters; kept in the history and shown here, never on the lists.'),
    actionField(board, 'nextContactOn', next, 'Next contact on', 'Optional: the day to try again, today or later. The item then shows under Due today.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ca-save' }, 'Log the attempt')));
  busy(form, async () => {
    board.clear();
    const body = { channel: channel.value, outcome: outcome.value, note: note.value.trim() || null, nextContactOn: next.value || null };
    try {
      const updated = await api('POST', `/api/submissions/${s.id}/contact-attempts`, body);
      const when = updated.nextContactOn ? ` Next contact ${describeDate(updated.nextContactOn)}.` : '';
      await afterAction(updated, `Contact attempt logged: ${CHANNEL[body.channel]}, ${CONTACT_OUTCOME[body.outcome].toLowerCase()}.${when}`, 'work-h');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) board.show(error.errors, problemText(error));
      else if (error instanceof ApiError && error.status === 409) await conflictAgain(error);
      else throw error;
    }
  });
  return form;
}

/** A plain button's action, disabled while it runs, its failure said aloud. */
function pressing(button, action) {
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      if (!(error instanceof SignedOut)) announce(problemText(error), true);
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  });
}

/**
 * The open item's single-key shortcuts: only with the focus in the item (or nowhere), never while
 * typing in a field, never with a modifier (so a screen reader's own keys and the browser's stay
 * theirs), and off when the person turned them off.
 */
document.addEventListener('keydown', (event) => {
  if (!state.current || !shortcutsOn() || event.defaultPrevented || event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const target = event.target instanceof Element ? event.target : document.body;
  if (target.closest('input, textarea, select, [contenteditable]:not([contenteditable=false])')) return;
  if (target !== document.body && !$('item').contains(target)) return;
  if (event.key === 'a') {
    const button = $('as-me');
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  } else if (event.key === 'c') {
    const first = $('ca-channel');
    if (!first) return;
    event.preventDefault();
    first.focus();
    announce('Log a contact attempt: channel, outcome, note, next contact date, then Log the attempt.');
  }
});
