// The team's lists: the worklist (filters, and the Mine and Due today views of api-2.md's "Working an
// item") and the screened-out list, each a page at a time with "Load more", a person's submissions
// together; and finding a person.

import { ApiError } from './api.js';
import { h, fill, shortId, timeEl, describeDate } from './dom-kit.js';
import { ErrorBoard } from './field-errors.js';
import { RESULT, KIND, TEAM_STATUS_LABEL, attemptText } from './team-words.js';
import { $, state, announce, problemText, withErrors, plural } from './team-page.js';
import { api } from './team-signin.js';
import { openItem, reloadItem } from './team-item.js';
import { reopenItem } from './team-actions.js';
import { loadStats } from './team-stats.js';

const facts = (pairs) => h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));

function itemCard(item, list) {
  const sid = shortId(item.id);
  const headingId = `${list}-${item.id}-h`;
  const open = h('button', { type: 'button', class: 'small', 'aria-label': `Open submission ${sid}`, 'aria-controls': 'item', 'data-open': item.id }, 'Open');
  open.addEventListener('click', () => openItem(item.id, open));
  const reopen = list === 'screened'
    ? h('button', { type: 'button', class: 'small secondary', 'aria-label': `Reopen ${sid}`, 'data-reopen': item.id }, 'Reopen')
    : null;
  reopen?.addEventListener('click', () => reopenItem(item.id, reopen));
  return h('article', { class: `item${item.id === state.current?.id ? ' current' : ''}`, 'aria-labelledby': headingId, 'data-id': item.id },
    h('h3', { id: headingId },
      item.priority ? h('span', { class: `badge ${item.priority}` }, item.priority) : null,
      h('span', {}, RESULT[item.result] ?? item.result),
      h('span', {}, '·'),
      h('span', {}, KIND[item.kind] ?? item.kind),
      h('span', { class: 'mono' }, sid),
      item.reopened ? h('span', { class: 'tag' }, 'Reopened') : null),
    h('p', { class: 'summary' }, item.summary),
    facts([
      ...contactFacts(item),
      ['Received', timeEl(item.receivedAt)],
      ['Biopsy', item.scheduledBiopsyDate ? describeDate(item.scheduledBiopsyDate) : 'none scheduled'],
      ['Team status', TEAM_STATUS_LABEL[item.teamStatus] ?? item.teamStatus],
      ...workingFacts(item),
    ]),
    list === 'screened' && item.notMetReasons?.length
      ? h('ul', { class: 'reasons', 'aria-label': 'Criteria not met' }, item.notMetReasons.map((r) => h('li', {}, r)))
      : null,
    list === 'worklist' && item.followUps?.length
      ? h('details', {}, h('summary', {}, `Follow-up questions (${item.followUps.length})`), h('ul', {}, item.followUps.map((q) => h('li', {}, q))))
      : null,
    h('div', { class: 'item-actions' }, open, reopen));
}

/** A person's submissions together, at the place of their first (highest-priority) one. */
function byPerson(items) {
  const people = new Map();
  for (const item of items) {
    const key = item.personId ?? item.id;
    if (!people.has(key)) people.set(key, []);
    people.get(key).push(item);
  }
  return [...people.values()];
}

function renderList(listId, items, list) {
  fill($(listId), byPerson(items).map((group) => group.length === 1
    ? h('li', {}, itemCard(group[0], list))
    : h('li', { class: 'person' },
      h('p', { class: 'same-person' }, `Same person: ${group.length} submissions, to work together`),
      h('ol', { class: 'items' }, group.map((item) => h('li', {}, itemCard(item, list)))))));
}

function worklistParams() {
  const params = new URLSearchParams();
  if ($('filter-priority').value) params.set('priority', $('filter-priority').value);
  if ($('filter-status').value) params.set('teamStatus', $('filter-status').value);
  workingViewParams(params);
  return params;
}

function showWorklist() {
  const people = new Set(state.worklist.map((i) => i.personId ?? i.id)).size;
  const filtered = worklistParams().toString() ? ' (filtered)' : '';
  $('worklist-count').textContent = `Worklist: ${plural(state.worklist.length, 'item', 'items')}${state.next.worklist ? ' shown, more to load' : ''}, ${plural(people, 'person', 'people')}${filtered}.`;
  renderList('worklist-items', state.worklist, 'worklist');
  $('worklist-more').hidden = !state.next.worklist;
}

export async function loadWorklist() {
  const params = worklistParams();
  const error = $('filters-error');
  try {
    const data = await api('GET', `/api/worklist${params.toString() ? `?${params}` : ''}`);
    error.hidden = true;
    state.worklist = data.items ?? [];
    state.next.worklist = data.next ?? null;
    showWorklist();
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      error.textContent = Object.values(e.errors).flat().join(' ') || problemText(e);
      error.hidden = false;
      return;
    }
    throw e;
  }
}

function showScreenedOut() {
  $('screened-count').textContent = `Screened out: ${plural(state.screened.length, 'item', 'items')}${state.next.screened ? ' shown, more to load' : ''}.`;
  renderList('screened-items', state.screened, 'screened');
  $('screened-more').hidden = !state.next.screened;
}

export async function loadScreenedOut() {
  const data = await api('GET', '/api/screened-out');
  state.screened = data.items ?? [];
  state.next.screened = data.next ?? null;
  showScreenedOut();
}

// ---------------------------------------------------------------- the lists' pages and the people on them

/** Name, e-mail and phone of an item's person (api-2.md: on the team's lists only). */
function contactFacts(item) {
  return [
    item.name ? ['Name', item.name] : null,
    item.email ? ['E-mail', item.email] : null,
    item.phone ? ['Phone', item.phone] : null,
  ];
}

/**
 * "Load more": the next page of a list (api-2.md: follow `next` until null), added after the
 * items shown. Focus moves to the first new item's Open button, so a keyboard user goes on reading
 * where the list grew; when the list ends the button is hidden and that is announced.
 */
async function loadMore(list) {
  const cursor = state.next[list];
  if (!cursor) return;
  const params = list === 'worklist' ? worklistParams() : new URLSearchParams();
  params.set('cursor', cursor);
  const data = await api('GET', `${list === 'worklist' ? '/api/worklist' : '/api/screened-out'}?${params}`);
  const known = new Set(state[list].map((i) => i.id));
  const added = (data.items ?? []).filter((i) => !known.has(i.id));
  state[list] = [...state[list], ...added];
  state.next[list] = data.next ?? null;
  if (list === 'worklist') showWorklist(); else showScreenedOut();
  const first = added[0] && document.querySelector(`#${list === 'worklist' ? 'worklist-items' : 'screened-items'} [data-open="${added[0].id}"]`);
  (first ?? $(`${list}-h`)).focus();
  announce(`${plural(added.length, 'more item', 'more items')} loaded. ${$(list === 'worklist' ? 'worklist-count' : 'screened-count').textContent}`);
}

/** On locking: no list, cursor or found person stays. */
export function clearPagesAndPeople() {
  state.worklist = [];
  state.screened = [];
  state.next = { worklist: null, screened: null };
  for (const id of ['worklist-more', 'screened-more']) $(id).hidden = true;
  clearFound();
}

for (const list of ['worklist', 'screened']) {
  $(`${list}-more`).addEventListener('click', () => withErrors(() => loadMore(list)));
}

export async function refreshLists() {
  await Promise.all([loadWorklist(), loadScreenedOut(), loadStats()]);
}

for (const id of ['filter-priority', 'filter-status', 'filter-mine', 'filter-due']) {
  $(id).addEventListener('change', () => withErrors(async () => { await loadWorklist(); announce($('worklist-count').textContent); }));
}
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('refresh').addEventListener('click', () => withErrors(async () => {
  await refreshLists();
  if (state.current) await reloadItem();
  announce(`Refreshed. ${$('worklist-count').textContent}`);
}));

// ---------------------------------------------------------------- finding a person

const findSummary = h('div', {});
const findBoard = new ErrorBoard(findSummary);
$('find-form').before(findSummary);
findBoard.register('email', { controls: [$('find-email')], slot: $('find-email-error'), label: 'E-mail' });
findBoard.register('phone', { controls: [$('find-phone')], slot: $('find-phone-error'), label: 'Phone' });
findBoard.register('name', { controls: [$('find-name')], slot: $('find-name-error'), label: 'Name' });
findBoard.register('dateOfBirth', { controls: [$('find-born')], slot: $('find-born-error'), label: 'Date of birth' });

/** `GET /api/people` with the fields filled in; the service says which combination is wrong. */
async function findPeople() {
  const params = new URLSearchParams();
  for (const [id, name] of [['find-email', 'email'], ['find-phone', 'phone'], ['find-name', 'name'], ['find-born', 'dateOfBirth']]) {
    if ($(id).value.trim()) params.set(name, $(id).value.trim());
  }
  let found;
  try {
    found = await api('GET', `/api/people?${params}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      findBoard.show(error.errors, problemText(error));
      return;
    }
    throw error;
  }
  findBoard.clear();
  const people = found.people ?? [];
  const count = people.length === 0 ? 'Nobody found.' : `Found ${plural(people.length, 'person', 'people')}.`;
  $('find-count').textContent = count;
  fill($('find-results'), people.map((person) => h('li', { class: 'person' },
    h('p', { class: 'same-person' }, `Person ${shortId(person.personId)}: ${plural(person.submissions.length, 'submission', 'submissions')}, newest first`),
    h('ol', { class: 'items' }, person.submissions.map((item) => h('li', {}, itemCard(item, 'found')))))));
  announce(count);
}

$('find-form').addEventListener('submit', (event) => {
  event.preventDefault();
  withErrors(findPeople);
});

/** On locking: no one found stays on the page. */
function clearFound() {
  for (const id of ['find-email', 'find-phone', 'find-name', 'find-born']) $(id).value = '';
  fill($('find-results'));
  fill($('find-count'));
  findBoard.clear();
}

// ---------------------------------------------------------------- the Mine and Due today views

/** The Mine and Due today views as the worklist's query. */
function workingViewParams(params) {
  if ($('filter-mine').checked && state.me?.name) params.set('assignedTo', state.me.name);
  if ($('filter-due').checked) params.set('due', 'today');
}

/** A list card's follow-up facts. */
function workingFacts(item) {
  return [
    ['Assigned to', item.assignedTo ?? 'nobody'],
    item.lastContactAttempt ? ['Last attempt', attemptText(item.lastContactAttempt)] : null,
    item.nextContactOn ? ['Next contact', describeDate(item.nextContactOn)] : null,
  ];
}
