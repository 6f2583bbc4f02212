// The funnel (GET /api/stats) for a range of the site's dates: submissions, pre-check results,
// the worklist by team status, the criteria not met, time to first contact, messages that kept failing.

import { ApiError } from './api.js';
import { h, fill } from './dom-kit.js';
import { ErrorBoard } from './field-errors.js';
import { barChart } from './bar-chart.js';
import { RESULT, TEAM_STATUSES, TEAM_STATUS_LABEL, CRITERIA } from './team-words.js';
import { $, announce, problemText, withErrors, plural, pairs } from './team-page.js';
import { api } from './team-signin.js';

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

export async function loadStats(fromForm = false) {
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
