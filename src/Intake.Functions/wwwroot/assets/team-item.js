// One submission, opened beside the lists (and from the address, #submission/{id}): its whole
// picture, its history, the team's actions on it (team-actions.js) and, for the study's manager,
// who opened or changed it.

import { h, fill, shortId, timeEl, describeDate } from './dom-kit.js';
import { RESULT, KIND, STATUS, TEAM_STATUS_LABEL, OUTCOME, CRITERIA, LANGUAGES } from './team-words.js';
import { $, state, SignedOut, problemText, withErrors, pairs, mail, tel } from './team-page.js';
import { api, getKey, isManager } from './team-signin.js';
import { workBlock, statusBlock, notGenuineReviewBlock, reopenBlock, referrerBlock, correctionBlock, notGenuineBlock } from './team-actions.js';

export const idFromHash = () => /^#submission\/([0-9a-fA-F-]{36})$/.exec(location.hash)?.[1] ?? null;

window.addEventListener('hashchange', () => {
  const id = idFromHash();
  if (id && getKey() && id !== state.current?.id) openItem(id, null);
});

export async function openItem(id, opener) {
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

export async function reloadItem(focusId, notice) {
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

/**
 * Shows a submission in the panel. Focus: the element `focusId` when given, else the element that
 * had it inside the panel (by id) when the panel is drawn again, else stays where it is.
 */
export function renderItem(s, focusId, notice) {
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
