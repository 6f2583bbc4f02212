// /team: the study team's page. Behind the staff key: the worklist in priority order with a
// person's submissions together, the screened-out list, one submission's whole picture with the
// team's actions (status, reopen, corrected answers, telling the referrer), and the funnel.
//
// Its parts are the team-*.js modules beside it: the words (team-words.js), what the parts share
// (team-page.js), signing in (team-signin.js), the lists, their pages, the views and finding a person
// (team-lists.js), one submission (team-item.js), the actions on it and its follow-up
// (team-actions.js) and the funnel (team-stats.js). They call one another only from events, never
// while they load, so importing one another in a circle is harmless. This module holds signing in
// and locking, opening the workspace, and the start.

import { $, state, SignedOut, announce, announcements, problemText } from './team-page.js';
import { getKey, keepKey, showSignin, signOut, loadMe } from './team-signin.js';
import { loadWorklist, loadScreenedOut } from './team-lists.js';
import { idFromHash, openItem } from './team-item.js';
import { loadStats } from './team-stats.js';

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('staff-key').value.trim();
  if (!key) {
    showSignin('Enter the staff key.', true);
    return;
  }
  keepKey(key);
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
  // The lists show before the funnel has loaded, and a coordinator may open an item and act on it
  // meanwhile: what is said and where the focus goes once everything has loaded must not undo that.
  const said = announcements();
  // Until everything has loaded and been said (also what a test waits for).
  $('workspace').dataset.loading = 'true';
  try {
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
    } else if (justSignedIn && !state.current && announcements() === said && !$('workspace').contains(document.activeElement)) {
      $('worklist-h').focus();
      announce(`Opened. ${$('worklist-count').textContent}`);
    }
  } finally {
    delete $('workspace').dataset.loading;
  }
}

// ---------------------------------------------------------------- start

if (getKey()) openWorkspace(false);
else showSignin();
