// /team: the study team's page. Behind the staff key (kept in sessionStorage only, sent as
// x-functions-key; a 401 forgets it and asks again): the worklist in priority order with a
// person's submissions together, the screened-out list, one submission's whole picture with the
// team's actions (status, reopen, corrected answers, telling the referrer), and the funnel.

import { call, ApiError } from './api.js';
import { h, fill, shortId, timeEl, describeDate } from './dom-kit.js';
import { ErrorBoard } from './field-errors.js';
import { createAnswersForm } from './answers-form.js';
import { barChart } from './bar-chart.js';

const $ = (id) => document.getElementById(id);
const KEY_NAME = 'mbcintake.staffKey';

const RESULT = { LikelyEligible: 'Likely eligible', NeedsReview: 'Needs review', LikelyIneligible: 'Likely ineligible' };
const KIND = { selfScreening: 'Self-screening', referral: 'Referral' };
const STATUS = { Received: 'Awaiting pre-check', Prechecked: 'Pre-checked, being routed', Routed: 'On the worklist', ScreenedOut: 'On the screened-out list', NotGenuine: 'Marked not genuine: off the lists, kept 30 days for review' };
const TEAM_STATUSES = ['New', 'Contacted', 'Scheduled', 'Enrolled', 'Declined', 'NotEligible', 'Unreachable'];
const TEAM_STATUS_LABEL = { New: 'New', Contacted: 'Contacted', Scheduled: 'Scheduled', Enrolled: 'Enrolled', Declined: 'Declined', NotEligible: 'Not eligible', Unreachable: 'Unreachable' };
const REFERRER_STATUSES = { Received: 'Received', UnderReview: 'Under review', Contacted: 'Contacted', Enrolled: 'Enrolled', NotEnrolled: 'Not enrolled' };
const OUTCOME = { Met: 'Met', NotMet: 'Not met', Unknown: 'Unknown', NotApplicable: 'Not applicable', ClinicianReview: 'Clinician review' };
const CRITERIA = {
  I1: 'Invasive breast cancer, confirmed or suspected',
  I2: 'Distant metastatic disease on imaging',
  I3: 'Progression, or de novo stage IV',
  I4: 'Archived primary tissue',
  I5: 'Accessible lesion (Type 1 or Type 2)',
  I6: 'Cytology, if fluid is the source',
  I7: 'Age 18 or older',
  I8: 'ECOG 0–2',
  I9: 'Able and willing to consent',
  E1: 'Concurrent disease making participation inappropriate',
  E2: 'Disorder interfering with safety during the procedure',
  E3: 'Dementia, altered mental status, psychiatric condition',
  E4: 'Serious allergy to local anaesthetics',
  E5: 'Pregnancy',
  E6: 'Condition or finding making participation hazardous',
};
const LANGUAGES = { en: 'English', es: 'Spanish' };

// ---------------------------------------------------------------- the key

/** Thrown after a 401: the page has gone back to asking for the key; callers just stop. */
class SignedOut extends Error {}

const getKey = () => sessionStorage.getItem(KEY_NAME);

async function api(method, url, body) {
  try {
    return await call(method, url, { body, key: getKey() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut('The staff key was not accepted. Enter it again.', true);
      throw new SignedOut();
    }
    throw error;
  }
}

/** What a failure says to a person. */
function problemText(error) {
  if (error?.networkFailure) return 'The service could not be reached. Check the connection and try again.';
  return error?.problem?.detail || error?.problem?.title || error?.message || 'Something went wrong.';
}

function showSignin(message, isError) {
  $('workspace').hidden = true;
  $('nav').hidden = true;
  $('lock').hidden = true;
  // Nothing about a person stays on the page once it is locked.
  for (const id of ['worklist-items', 'screened-items', 'item', 'funnel-body', 'funnel-summary', 'worklist-count', 'screened-count']) fill($(id));
  $('item').hidden = true;
  clearPagesAndPeople();
  $('team-grid').classList.remove('has-item');
  state.current = null;
  state.fix = null;
  forgetMe();
  $('signin').hidden = false;
  const input = $('staff-key');
  const error = $('staff-key-error');
  input.value = '';
  if (message) {
    error.textContent = message;
    error.hidden = false;
    if (isError) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
    }
  } else {
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  input.focus();
}

function signOut(message, isError = false) {
  sessionStorage.removeItem(KEY_NAME);
  announce('');
  showSignin(message, isError);
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('staff-key').value.trim();
  if (!key) {
    showSignin('Enter the staff key.', true);
    return;
  }
  sessionStorage.setItem(KEY_NAME, key);
  openWorkspace(true);
});

$('lock').addEventListener('click', () => signOut('The page is locked. Enter the staff key to open it again.'));

async function openWorkspace(justSignedIn) {
  $('signin').hidden = true;
  $('staff-key-error').hidden = true;
  $('staff-key').removeAttribute('aria-invalid');
  $('workspace').hidden = false;
  $('nav').hidden = false;
  $('lock').hidden = false;
  // The item the address asks for, read now: once the lists are drawn the coordinator may open
  // one before the funnel has loaded, and that must not be drawn again over their edits.
  const wanted = idFromHash();
  try {
    // Who is signed in first: an item opened as soon as the lists show must already know the roles
    // (the access log, "assign to me").
    await loadMe();
    await Promise.all([loadWorklist(), loadScreenedOut(), loadStats()]);
  } catch (error) {
    if (error instanceof SignedOut) return;
    console.error(error);
    announce(problemText(error), true);
    return;
  }
  if (!getKey()) return;
  if (wanted && !state.current && $('item').hidden) {
    openItem(wanted, null);
  } else if (justSignedIn) {
    $('worklist-h').focus();
    announce(`Opened. ${$('worklist-count').textContent}`);
  }
}

/** Who the service takes this person to be (GET /api/me): named in the header; their roles decide which sections are offered. */
async function loadMe() {
  state.me = await api('GET', '/api/me');
  const roles = state.me.roles.includes('manager') ? 'manager' : 'coordinator';
  $('signed-in').textContent = `Signed in as ${state.me.name} (${roles})`;
  $('signed-in').hidden = false;
  $('filter-mine').disabled = false;
}

/** On locking: nobody is signed in, so nothing is "mine". */
function forgetMe() {
  state.me = null;
  $('signed-in').hidden = true;
  $('filter-mine').checked = false;
  $('filter-mine').disabled = true;
}

const isManager = () => Boolean(state.me?.roles.includes('manager'));

// ---------------------------------------------------------------- announcements

let announceTimer;
/** Says the result of an action in the aria-live region (and shows it). */
function announce(text, isError = false) {
  const region = $('announce');
  clearTimeout(announceTimer);
  region.textContent = '';
  region.classList.toggle('error', isError);
  region.classList.toggle('ok', !isError);
  if (!text) return;
  // Emptied first, then filled a moment later, so that the same message twice is said twice.
  announceTimer = setTimeout(() => { region.textContent = text; }, 50);
}

// ---------------------------------------------------------------- the lists

const state = { worklist: [], screened: [], current: null, opener: null, fix: null, me: null, next: { worklist: null, screened: null } };

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

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

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

async function loadWorklist() {
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

async function loadScreenedOut() {
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
function clearPagesAndPeople() {
  state.worklist = [];
  state.screened = [];
  state.next = { worklist: null, screened: null };
  for (const id of ['worklist-more', 'screened-more']) $(id).hidden = true;
  clearFound();
}

for (const list of ['worklist', 'screened']) {
  $(`${list}-more`).addEventListener('click', () => withErrors(() => loadMore(list)));
}

async function refreshLists() {
  await Promise.all([loadWorklist(), loadScreenedOut(), loadStats()]);
}

for (const id of ['filter-priority', 'filter-status']) {
  $(id).addEventListener('change', () => withErrors(async () => { await loadWorklist(); announce($('worklist-count').textContent); }));
}
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('refresh').addEventListener('click', () => withErrors(async () => {
  await refreshLists();
  if (state.current) await reloadItem();
  announce(`Refreshed. ${$('worklist-count').textContent}`);
}));

/** Runs an action; a lost key is handled already, anything else is said. */
async function withErrors(action) {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof SignedOut)) announce(problemText(error), true);
  }
}

// ---------------------------------------------------------------- one submission

const idFromHash = () => /^#submission\/([0-9a-fA-F-]{36})$/.exec(location.hash)?.[1] ?? null;

window.addEventListener('hashchange', () => {
  const id = idFromHash();
  if (id && getKey() && id !== state.current?.id) openItem(id, null);
});

async function openItem(id, opener) {
  state.opener = opener ?? state.opener;
  const panel = $('item');
  panel.hidden = false;
  $('team-grid').classList.add('has-item');
  if (state.current?.id !== id) {
    state.fix = null;
    fill(panel, h('h2', { id: 'item-h', tabindex: '-1' }, `Submission ${shortId(id)}`), h('p', {}, 'Loading…'));
  }
  panel.setAttribute('aria-busy', 'true');
  if (location.hash !== `#submission/${id}`) history.replaceState(null, '', `#submission/${id}`);
  try {
    const submission = await api('GET', `/api/submissions/${id}`);
    renderItem(submission, 'item-h');
  } catch (error) {
    if (error instanceof SignedOut) return;
    state.current = null;
    fill(panel,
      h('div', { class: 'detail-head' }, h('h2', { id: 'item-h', tabindex: '-1' }, `Submission ${shortId(id)}`), closeButton(id)),
      h('p', { class: 'banner error' }, error.status === 404 ? 'No submission has this id.' : problemText(error)));
    $('item-h').focus();
  } finally {
    panel.removeAttribute('aria-busy');
  }
}

async function reloadItem(focusId, notice) {
  if (!state.current) return;
  const submission = await api('GET', `/api/submissions/${state.current.id}`);
  renderItem(submission, focusId, notice);
}

function closeButton(id) {
  return h('button', { type: 'button', class: 'secondary small', id: 'item-close', 'aria-label': `Close submission ${shortId(id)}`, onclick: closeItem }, 'Close');
}

function closeItem() {
  const id = state.current?.id;
  state.current = null;
  state.fix = null;
  fill($('item'));
  $('item').hidden = true;
  $('team-grid').classList.remove('has-item');
  history.replaceState(null, '', location.pathname);
  for (const el of document.querySelectorAll('.item.current')) el.classList.remove('current');
  const back = (state.opener?.isConnected && state.opener) || (id && document.querySelector(`[data-open="${id}"]`)) || $('worklist-h');
  back.focus();
}

const pairs = (rows) => h('dl', { class: 'pairs' }, rows.filter(Boolean).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]));
const mail = (address) => (address ? h('a', { href: `mailto:${address}` }, address) : null);
const tel = (number) => (number ? h('a', { href: `tel:${number.replace(/[^+\d]/g, '')}` }, number) : null);

/**
 * Shows a submission in the panel. Focus: the element `focusId` when given, else the element that
 * had it inside the panel (by id) when the panel is drawn again, else stays where it is.
 */
function renderItem(s, focusId, notice) {
  const panel = $('item');
  const active = document.activeElement;
  const hadFocus = panel.contains(active);
  const activeId = hadFocus && active.id ? active.id : null;
  state.current = s;
  const sid = shortId(s.id);
  const p = s.precheck;
  const heading = h('h2', { id: 'item-h', tabindex: '-1' }, `${KIND[s.kind] ?? s.kind} ${sid}`);

  const blocks = [
    h('div', { class: 'detail-head' }, heading, closeButton(s.id)),
    // What the last action did, where the eye is (the live region at the top has said it already).
    notice ? h('p', { class: `banner notice ${notice.error ? 'error' : 'ok'}` }, notice.text) : null,
    h('p', { class: 'hint' }, 'Id ', h('span', { class: 'mono' }, s.id)),
    pairs([
      ['Pre-check', p ? `${RESULT[p.result] ?? p.result}${p.priority ? `, priority ${p.priority}` : ''}` : 'Not pre-checked yet'],
      ['Where', STATUS[s.status] ?? s.status],
      ['Team status', TEAM_STATUS_LABEL[s.teamStatus] ?? s.teamStatus],
      s.reopened ? ['Reopened', 'Yes: reopened from the screened-out list'] : null,
      ['Received', timeEl(s.receivedAt)],
      ['Clinical biopsy', s.answers?.scheduledClinicalBiopsy ? `${describeDate(s.answers.scheduledClinicalBiopsy.date)}, ${s.answers.scheduledClinicalBiopsy.site}` : 'None scheduled'],
    ]),

    h('h3', {}, s.kind === 'referral' ? 'Patient' : 'Contact'),
    pairs([
      ['Name', s.contact?.name],
      ['E-mail', mail(s.contact?.email)],
      ['Phone', tel(s.contact?.phone)],
      ['Language', s.contact?.preferredLanguage ? (LANGUAGES[s.contact.preferredLanguage] ?? s.contact.preferredLanguage) : null],
    ]),
    s.referrer ? [
      h('h3', {}, 'Referrer'),
      pairs([
        ['Name', s.referrer.name],
        ['Institution', s.referrer.institution],
        ['E-mail', mail(s.referrer.email)],
        ['Phone', tel(s.referrer.phone)],
      ]),
    ] : null,

    h('h3', {}, 'Follow-up questions'),
    s.followUps?.length
      ? h('ol', { class: 'reasons' }, s.followUps.map((q) => h('li', {}, q)))
      : h('p', {}, 'None: no criterion is Unknown.'),

    h('h3', {}, 'Criteria'),
    p ? criteriaTable(p) : h('p', {}, 'Not pre-checked yet.'),

    h('h3', {}, 'Linked submissions'),
    s.linkedSubmissions?.length
      ? h('ul', { class: 'reasons' }, s.linkedSubmissions.map((other) => h('li', {},
        h('button', { type: 'button', class: 'small secondary', 'aria-label': `Show linked submission ${shortId(other)}`, onclick: (e) => openItem(other, e.currentTarget) }, `Show linked submission ${shortId(other)}`))))
      : h('p', {}, 'None: no other submission from this person.'),

    workBlock(s),

    h('h3', {}, 'Actions'),
    s.status === 'NotGenuine' ? notGenuineReviewBlock(s) : statusBlock(s),
    s.status === 'ScreenedOut' ? reopenBlock(s) : null,
    s.kind === 'referral' && s.status !== 'NotGenuine' ? referrerBlock(s) : null,
    s.status === 'NotGenuine' ? null : correctionBlock(s),
    s.status === 'Routed' || s.status === 'ScreenedOut' ? notGenuineBlock(s) : null,

    h('h3', {}, 'History'),
    historyTable(s.history ?? []),

    accessBlock(s),
  ];
  fill(panel, blocks);
  panel.hidden = false;
  $('team-grid').classList.add('has-item');
  for (const el of document.querySelectorAll('.item')) el.classList.toggle('current', el.dataset.id === s.id);
  const again = document.getElementById(focusId ?? activeId ?? '');
  if (again && panel.contains(again)) again.focus();
  else if (hadFocus || focusId) heading.focus();
}

function criteriaTable(p) {
  const source = p.collectionSource ? `; collection source ${p.collectionSource}` : '';
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Criteria table' },
    h('table', { class: 'compact' },
      h('caption', {}, `Rule set ${p.rulesetVersion}, as of ${p.today}${source}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Criterion'), h('th', { scope: 'col' }, 'Outcome'), h('th', { scope: 'col' }, 'Reason'))),
      h('tbody', {}, (p.criteria ?? []).map((c) => h('tr', {},
        h('th', { scope: 'row' }, h('abbr', { title: CRITERIA[c.id] ?? c.id }, c.id), h('span', { class: 'visually-hidden' }, ` ${CRITERIA[c.id] ?? ''}`)),
        h('td', { class: `outcome outcome-${c.outcome}` }, OUTCOME[c.outcome] ?? c.outcome),
        h('td', {}, c.reason))))));
}

function historyTable(history) {
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'History table' },
    h('table', { class: 'compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'Who'))),
      h('tbody', {}, history.map((e) => h('tr', {}, h('td', {}, timeEl(e.at)), h('td', {}, e.event), h('td', {}, e.by))))));
}

// ---------------------------------------------------------------- access log (managers)

/**
 * Who opened or changed this submission (GET /api/audit?submissionId=…), shown to the study's
 * manager only (GET /api/me's roles): fetched on request, since every read of the log is itself audited.
 */
function accessBlock(s) {
  if (!isManager()) return null;
  const out = h('div', { id: 'access-log', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'small secondary', id: 'access-show' }, 'Show who opened or changed it');
  button.addEventListener('click', () => withErrors(async () => {
    const today = new Date();
    const yearAgo = new Date(today.getTime() - 365 * 86400000);
    const received = new Date(s.receivedAt);
    const from = (received > yearAgo ? received : yearAgo).toISOString().slice(0, 10);
    const page = await api('GET', `/api/audit?submissionId=${encodeURIComponent(s.id)}&from=${from}&to=${today.toISOString().slice(0, 10)}&limit=200`);
    fill(out, page.items.length
      ? h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Access log table' },
        h('table', { class: 'compact' },
          h('caption', {}, page.next ? 'The latest 200 entries' : 'Every entry since it was received (at most a year)'),
          h('thead', {}, h('tr', {}, ['When', 'Who', 'Role', 'What', 'Answer'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, page.items.map((e) => h('tr', {}, h('td', {}, timeEl(e.at)), h('td', {}, e.by), h('td', {}, e.role), h('td', {}, e.action), h('td', {}, String(e.status)))))))
      : h('p', {}, 'No entries.'));
  }));
  return [h('h3', {}, 'Access log'), h('p', { class: 'hint' }, 'For the study\'s manager: every read and change of this submission, newest first.'), button, out];
}

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

function statusBlock(s) {
  const select = h('select', { id: 'ts-status' }, TEAM_STATUSES.map((v) => h('option', { value: v }, TEAM_STATUS_LABEL[v])));
  select.value = s.teamStatus;
  const note = h('textarea', { id: 'ts-note', maxlength: '2000', 'aria-describedby': 'ts-note-hint' });
  const summary = h('div', {});
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Record what you did'),
    summary,
    h('div', { class: 'field' }, h('label', { for: 'ts-status' }, 'Team status'), h('p', { id: 'ts-status-error' }), select),
    h('div', { class: 'field' }, h('label', { for: 'ts-note' }, 'Note'),
      h('p', { class: 'hint', id: 'ts-note-hint' }, 'Optional, up to 2,000 characters; kept in the history.'), h('p', { id: 'ts-note-error' }), note),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ts-save' }, 'Save status')));
  const board = new ErrorBoard(summary);
  board.register('status', { controls: [select], slot: form.querySelector('#ts-status-error'), label: 'Team status' });
  board.register('note', { controls: [note], slot: form.querySelector('#ts-note-error'), label: 'Note' });
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

function reopenBlock(s) {
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
function notGenuineBlock(s) {
  const reason = h('textarea', { id: 'ng-reason', maxlength: '500', required: true, 'aria-describedby': 'ng-reason-hint' });
  const summary = h('div', {});
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Not genuine'),
    summary,
    h('p', {}, 'A post that is not a real person\'s (a script, a test, spam). It leaves both lists and the figures, sends no alert, and is removed after 30 days unless reopened.'),
    h('div', { class: 'field' }, h('label', { for: 'ng-reason' }, 'Reason'),
      h('p', { class: 'hint', id: 'ng-reason-hint' }, 'Required, up to 500 characters; kept in the history.'), h('p', { id: 'ng-reason-error' }), reason),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ng-mark', class: 'secondary' }, 'Mark not genuine')));
  const board = new ErrorBoard(summary);
  board.register('reason', { controls: [reason], slot: form.querySelector('#ng-reason-error'), label: 'Reason' });
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
function notGenuineReviewBlock(s) {
  const mark = s.notGenuine ?? {};
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Marked not genuine'),
    h('p', {}, `By ${mark.by ?? 'someone'} on ${mark.markedAt ? new Date(mark.markedAt).toLocaleString() : '?'}: ${mark.reason ?? ''}`),
    h('p', {}, `Removed for good after ${mark.removalDue ? new Date(mark.removalDue).toLocaleDateString() : '30 days'}. Reopening puts it back on its list and cancels the removal.`),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'item-reopen' }, 'Reopen')));
  busy(form, () => reopenFromItem(s, `Reopened submission ${shortId(s.id)}: it is back on its list.`));
  return form;
}

async function reopenItem(id, button) {
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

function referrerBlock(s) {
  if (!s.referrer?.email) {
    return h('div', { class: 'action-block' }, h('h4', {}, 'Tell the referrer'),
      h('p', {}, 'The referrer gave no e-mail address, so the service cannot write to them.',
        s.referrer?.phone ? [' Phone: ', tel(s.referrer.phone), '.'] : ''));
  }
  if (!s.referrer.emailConfirmed) return referrerConfirmationBlock(s);
  const confirmed = s.referrer.emailConfirmed;
  const select = h('select', { id: 'ru-status' }, Object.entries(REFERRER_STATUSES).map(([v, label]) => h('option', { value: v }, label)));
  const summary = h('div', {});
  const form = h('form', { class: 'action-block', novalidate: true },
    h('h4', {}, 'Tell the referrer where the referral stands'),
    h('p', { class: 'hint', id: 'ru-hint' }, `An e-mail to ${s.referrer.email} with the referral's id, its date and this status; nothing about the patient.`),
    h('p', { id: 'ru-confirmed' }, `Address confirmed by ${confirmed.by ?? 'someone'} on ${confirmed.at ? new Date(confirmed.at).toLocaleString() : '?'}.`),
    summary,
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'ru-status' }, 'Status for the referrer'), h('p', { id: 'ru-status-error' }), select),
      h('button', { type: 'submit', id: 'ru-send', 'aria-describedby': 'ru-hint' }, 'Tell the referrer')));
  const board = new ErrorBoard(summary);
  board.register('status', { controls: [select], slot: form.querySelector('#ru-status-error'), label: 'Status for the referrer' });
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
function correctionBlock(s) {
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

// ---------------------------------------------------------------- working an item (api-2.md, "Working an item")
// Who follows a person up (assignment), the team's attempts to reach them, the worklist's Mine and
// Due today views, and the single-key shortcuts of an open item (a: assign to me, c: log a contact
// attempt), which a person can turn off (WCAG 2.1.4). Kept apart from the rest of the page.

const CHANNEL = { phone: 'Phone', email: 'E-mail', letter: 'Letter' };
const CONTACT_OUTCOME = { reached: 'Reached', leftMessage: 'Left a message', noAnswer: 'No answer', wrongNumber: 'Wrong number or address' };
const SHORTCUTS_OFF = 'mbcintake.shortcutsOff';

/** The Mine and Due today views as the worklist's query. */
function workingViewParams(params) {
  if ($('filter-mine').checked && state.me?.name) params.set('assignedTo', state.me.name);
  if ($('filter-due').checked) params.set('due', 'today');
}

for (const id of ['filter-mine', 'filter-due']) {
  $(id).addEventListener('change', () => withErrors(async () => { await loadWorklist(); announce($('worklist-count').textContent); }));
}

/** A list card's follow-up facts. */
function workingFacts(item) {
  return [
    ['Assigned to', item.assignedTo ?? 'nobody'],
    item.lastContactAttempt ? ['Last attempt', attemptText(item.lastContactAttempt)] : null,
    item.nextContactOn ? ['Next contact', describeDate(item.nextContactOn)] : null,
  ];
}

const attemptText = (a) => `${CHANNEL[a.channel] ?? a.channel}, ${(CONTACT_OUTCOME[a.outcome] ?? a.outcome).toLowerCase()}, ${formatWhen(a.at)} by ${a.by}`;
const formatWhen = (iso) => (iso ? new Date(iso).toLocaleString() : '?');
const shortcutsOn = () => localStorage.getItem(SHORTCUTS_OFF) !== '1';

/** The open item's follow-up: who follows it up, the last attempt, the next contact; assign and log forms. */
function workBlock(s) {
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
  const form = h('form', { class: 'action-block', novalidate: true, id: 'as-form' },
    h('h4', {}, 'Who follows it up'),
    summary,
    h('div', { class: 'actions' }, toMe, release),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'as-name' }, 'Assign to'),
        h('p', { class: 'hint', id: 'as-name-hint' }, 'A team member\'s name as they sign in, up to 100 characters.'), h('p', { id: 'as-name-error' }), name),
      h('button', { type: 'submit', id: 'as-save' }, 'Assign')));
  const board = new ErrorBoard(summary);
  board.register('assignedTo', { controls: [name], slot: form.querySelector('#as-name-error'), label: 'Assign to' });
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
  const form = h('form', { class: 'action-block', novalidate: true, id: 'ca-form' },
    h('h4', {}, 'Log a contact attempt'),
    summary,
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'ca-channel' }, 'Channel'), h('p', { id: 'ca-channel-error' }), channel),
      h('div', { class: 'field' }, h('label', { for: 'ca-outcome' }, 'Outcome of the attempt'), h('p', { id: 'ca-outcome-error' }), outcome)),
    h('div', { class: 'field' }, h('label', { for: 'ca-note' }, 'Attempt note'),
      h('p', { class: 'hint', id: 'ca-note-hint' }, 'Optional, up to 2,000 characters; kept in the history and shown here, never on the lists.'), h('p', { id: 'ca-note-error' }), note),
    h('div', { class: 'field' }, h('label', { for: 'ca-next' }, 'Next contact on'),
      h('p', { class: 'hint', id: 'ca-next-hint' }, 'Optional: the day to try again, today or later. The item then shows under Due today.'), h('p', { id: 'ca-next-error' }), next),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'ca-save' }, 'Log the attempt')));
  const board = new ErrorBoard(summary);
  board.register('channel', { controls: [channel], slot: form.querySelector('#ca-channel-error'), label: 'Channel' });
  board.register('outcome', { controls: [outcome], slot: form.querySelector('#ca-outcome-error'), label: 'Outcome of the attempt' });
  board.register('note', { controls: [note], slot: form.querySelector('#ca-note-error'), label: 'Attempt note' });
  board.register('nextContactOn', { controls: [next], slot: form.querySelector('#ca-next-error'), label: 'Next contact on' });
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

// ---------------------------------------------------------------- the funnel

const funnelSummary = h('div', {});
const funnelBoard = new ErrorBoard(funnelSummary);
$('funnel-form').before(funnelSummary);
funnelBoard.register('from', { controls: [$('funnel-from')], slot: $('funnel-from-error'), label: 'From' });
funnelBoard.register('to', { controls: [$('funnel-to')], slot: $('funnel-to-error'), label: 'To' });

$('funnel-form').addEventListener('submit', (event) => {
  event.preventDefault();
  withErrors(async () => {
    if (await loadStats(true)) announce(`Funnel shown for ${$('funnel-summary').textContent}`);
  });
});

async function loadStats(fromForm = false) {
  const params = new URLSearchParams();
  if ($('funnel-from').value) params.set('from', $('funnel-from').value);
  if ($('funnel-to').value) params.set('to', $('funnel-to').value);
  let stats;
  try {
    stats = await api('GET', `/api/stats${params.toString() ? `?${params}` : ''}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      if (fromForm) funnelBoard.show(error.errors, problemText(error));
      return false;
    }
    throw error;
  }
  if (fromForm) funnelBoard.clear();
  // Show the range the report covers, without overwriting dates typed meanwhile.
  if (!$('funnel-from').value) $('funnel-from').value = stats.from;
  if (!$('funnel-to').value) $('funnel-to').value = stats.to;
  renderFunnel(stats);
  return true;
}

function renderFunnel(st) {
  fill($('funnel-summary'), h('p', {}, `${st.from} to ${st.to}, both included (${st.timeZone} dates).`));
  const results = ['LikelyEligible', 'NeedsReview', 'LikelyIneligible'];
  const resultColor = { LikelyEligible: '#1e6b35', NeedsReview: '#0b5cad', LikelyIneligible: '#b00020' };
  const ttf = st.timeToFirstContact ?? {};
  const poison = Object.entries(st.poisonMessages ?? {});
  const poisonTotal = poison.reduce((n, [, c]) => n + c, 0);
  const hours = (x) => (x === null || x === undefined ? '—' : `${x} h`);

  fill($('funnel-body'), h('div', { class: 'funnel-grid' },
    h('section', {},
      h('h3', { id: 'f-subs' }, 'Submissions'),
      pairs([
        ['Self-screenings', String(st.submissions?.selfScreening ?? 0)],
        ['Referrals', String(st.submissions?.referral ?? 0)],
        ['Total', String(st.submissions?.total ?? 0)],
        ['People', `${st.people} (a person's linked submissions count once)`],
        ['Awaiting pre-check now', String(st.awaitingPrecheck ?? 0)],
      ])),
    h('section', {},
      h('h3', { id: 'f-results' }, 'Pre-check results'),
      h('p', { class: 'hint' }, 'One per person, from their latest submission in the range.'),
      barChart({ id: 'chart-results', title: 'Pre-check results, people', rows: results.map((r) => ({ label: RESULT[r], value: st.precheckResults?.[r] ?? 0, color: resultColor[r] })) })),
    h('section', {},
      h('h3', { id: 'f-status' }, 'Worklist by team status'),
      h('p', { class: 'hint' }, `${plural(st.worklist?.people ?? 0, 'person', 'people')} on the worklist, each under the furthest status reached; ${st.worklist?.reopened ?? 0} reopened.`),
      barChart({ id: 'chart-status', title: 'People on the worklist, by furthest status', rows: TEAM_STATUSES.map((t) => ({ label: TEAM_STATUS_LABEL[t], value: st.worklist?.teamStatus?.[t] ?? 0 })) })),
    h('section', {},
      h('h3', { id: 'f-notmet' }, 'Criteria not met'),
      h('div', { class: 'table-scroll' },
        h('table', { class: 'compact' },
          h('caption', {}, 'People per criterion not met'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Criterion'), h('th', { scope: 'col' }, 'People'))),
          h('tbody', {}, Object.entries(st.notMet ?? {}).map(([id, n]) => h('tr', {},
            h('th', { scope: 'row' }, `${id} `, h('span', { class: 'hint' }, CRITERIA[id] ?? '')),
            h('td', { class: n ? 'warn' : '' }, String(n)))))))),
    h('section', {},
      h('h3', { id: 'f-ttfc' }, 'Time to first contact'),
      pairs([
        ['People contacted', String(ttf.people ?? 0)],
        ['Median', hours(ttf.medianHours)],
        ['90th percentile', hours(ttf.p90Hours)],
      ]),
      ttf.people ? null : h('p', { class: 'hint' }, 'No first contact in this range yet.')),
    h('section', {},
      h('h3', { id: 'f-poison' }, 'Messages that kept failing'),
      pairs(poison.map(([queue, n]) => [queue, h('span', { class: n ? 'warn' : '' }, String(n))])),
      h('p', { class: poisonTotal ? 'warn' : 'hint' }, poisonTotal
        ? ['Should be 0: the logs say which function failed and why; the message waits in its ', h('span', { class: 'mono' }, '-poison'), ' queue to be replayed.']
        : 'None: every message was handled.'))));
}

// ---------------------------------------------------------------- start

if (getKey()) openWorkspace(false);
else showSignin();
