// Signing in to the team page with the staff key (kept in sessionStorage only, sent as
// x-functions-key; a 401 forgets it and asks again), locking it, and who is signed in (GET /api/me).

import { call, ApiError } from './api.js';
import { fill } from './dom-kit.js';
import { $, state, SignedOut, announce } from './team-page.js';
import { clearPagesAndPeople } from './team-lists.js';
import { offerExport } from './team-export.js';

const KEY_NAME = 'mbcintake.staffKey';

export const getKey = () => sessionStorage.getItem(KEY_NAME);

export async function api(method, url, body, options = {}) {
  try {
    return await call(method, url, { ...options, body, key: getKey() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut('The staff key was not accepted. Enter it again.', true);
      throw new SignedOut();
    }
    throw error;
  }
}

/** Keeps the key for this tab. */
export const keepKey = (key) => sessionStorage.setItem(KEY_NAME, key);

export function showSignin(message, isError) {
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

export function signOut(message, isError = false) {
  sessionStorage.removeItem(KEY_NAME);
  announce('');
  showSignin(message, isError);
}

/** Who the service takes this person to be (GET /api/me): named in the header; their roles decide which sections are offered. */
export async function loadMe() {
  state.me = await api('GET', '/api/me');
  const roles = state.me.roles.includes('manager') ? 'manager' : 'coordinator';
  $('signed-in').textContent = `Signed in as ${state.me.name} (${roles})`;
  $('signed-in').hidden = false;
  $('filter-mine').disabled = false;
  offerExport();
}

/** On locking: nobody is signed in, so nothing is "mine". */
function forgetMe() {
  state.me = null;
  $('signed-in').hidden = true;
  $('filter-mine').checked = false;
  $('filter-mine').disabled = true;
  offerExport();
}

export const isManager = () => Boolean(state.me?.roles.includes('manager'));
