// What every part of the team page shares: its state, the live region that says what happened,
// what a failure says to a person, and the small pieces of text and markup each section draws with.

import { h } from './dom-kit.js';

export const $ = (id) => document.getElementById(id);

/** The page's state: the lists as shown and their next pages, the open item and who opened it, the corrections in progress, who is signed in. */
export const state = { worklist: [], screened: [], current: null, opener: null, fix: null, me: null, next: { worklist: null, screened: null } };

/** Thrown after a 401: the page has gone back to asking for the key; callers just stop. */
export class SignedOut extends Error {}

/** What a failure says to a person. */
export function problemText(error) {
  if (error?.networkFailure) return 'The service could not be reached. Check the connection and try again.';
  return error?.problem?.detail || error?.problem?.title || error?.message || 'Something went wrong.';
}

let announceTimer;
let announced = 0;
/** How many times something has been said so far: a part that says something once it has loaded checks that nothing was said meanwhile. */
export const announcements = () => announced;

/** Says the result of an action in the aria-live region (and shows it). */
export function announce(text, isError = false) {
  const region = $('announce');
  announced += 1;
  clearTimeout(announceTimer);
  region.textContent = '';
  region.classList.toggle('error', isError);
  region.classList.toggle('ok', !isError);
  if (!text) return;
  // Emptied first, then filled a moment later, so that the same message twice is said twice.
  announceTimer = setTimeout(() => { region.textContent = text; }, 50);
}

/** Runs an action; a lost key is handled already, anything else is said. */
export async function withErrors(action) {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof SignedOut)) announce(problemText(error), true);
  }
}

/** "1 item", "2 items". */
export const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** Terms and their values as a list (dl.pairs): a null row is left out, a missing value shows as "—". */
export const pairs = (rows) => h('dl', { class: 'pairs' }, rows.filter(Boolean).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]));

/** An e-mail address as a mailto: link, a phone number as a tel: link (nothing when there is none). */
export const mail = (address) => (address ? h('a', { href: `mailto:${address}` }, address) : null);
export const tel = (number) => (number ? h('a', { href: `tel:${number.replace(/[^+\d]/g, '')}` }, number) : null);
