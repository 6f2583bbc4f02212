// The manager's export (GET /api/export.csv): a list's submissions received in a range of the site's
// dates as a CSV file, downloaded with the staff key like every other request of the page. Offered to
// a manager only (GET /api/me's roles): the service refuses it to everyone else.

import { ApiError } from './api.js';
import { h } from './dom-kit.js';
import { ErrorBoard } from './field-errors.js';
import { $, announce, problemText, withErrors, plural } from './team-page.js';
import { api, isManager } from './team-signin.js';

// The form's fields: a label, the slot for the service's message about it, the control.
const field = (label, control) => h('div', { class: 'field' },
  h('label', { for: control.id }, label), h('p', { class: 'error', id: `${control.id}-error`, hidden: true }), control);
const controls = {
  list: h('select', { id: 'export-list', name: 'list' },
    h('option', { value: 'worklist' }, 'Worklist'), h('option', { value: 'screened-out' }, 'Screened out')),
  from: h('input', { type: 'date', id: 'export-from', name: 'from' }),
  to: h('input', { type: 'date', id: 'export-to', name: 'to' }),
};
const labels = { list: 'List', from: 'From', to: 'To' };
$('export-form').append(
  ...Object.entries(controls).map(([name, control]) => field(labels[name], control)),
  h('button', { type: 'submit', class: 'secondary small', id: 'export-download' }, 'Download the CSV file'));

const exportSummary = h('div', {});
const exportBoard = new ErrorBoard(exportSummary);
$('export-form').before(exportSummary);
for (const [name, control] of Object.entries(controls)) {
  exportBoard.register(name, { controls: [control], slot: $(`${control.id}-error`), label: labels[name] });
}

/** Offers the section to a manager, hides it from anyone else (and once the page is locked). */
export function offerExport() {
  const offered = isManager();
  $('export').hidden = !offered;
  $('nav-export').hidden = !offered;
  if (!offered) exportBoard.clear();
}

$('export-form').addEventListener('submit', (event) => {
  event.preventDefault();
  withErrors(async () => {
    const params = new URLSearchParams({ list: $('export-list').value });
    if ($('export-from').value) params.set('from', $('export-from').value);
    if ($('export-to').value) params.set('to', $('export-to').value);
    const file = await download(`/api/export.csv?${params}`);
    if (!file) return;
    const { name, text } = file;
    exportBoard.clear();
    const rows = records(text) - 1; // the header is not a submission
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
    announce(`Downloaded ${name}: ${plural(rows, 'submission', 'submissions')}.`);
  });
});

// The file and its name, or null when the service named fields to fix (400: shown beside them);
// any other refusal is thrown, for the page's message (a 401 signs out, as on every request).
async function download(url) {
  let file;
  try {
    file = await api('GET', url, undefined, { file: true, headers: { Accept: 'text/csv, application/problem+json' } });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    exportBoard.show(error.errors, problemText(error));
    return null;
  }
  const name = /filename="([^"]+)"/.exec(file.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export.csv';
  // The service's file starts with a byte order mark so that a spreadsheet reads it as UTF-8: kept.
  return { name, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes) };
}

// The records of an RFC 4180 text: its line ends outside quotes (a name may hold a line break, quoted).
function records(csv) {
  let count = 0;
  let quoted = false;
  for (const c of csv) {
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) count += 1;
  }
  return count;
}
