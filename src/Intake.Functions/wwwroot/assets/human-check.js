// The public forms' proof of work (api-2.md, "Public forms: a proof-of-work challenge"): the ALTCHA
// widget, served by this app (no third party sees anything), fetches a fresh challenge from
// GET /api/challenge each time a form is sent and solves it in a worker: no puzzle, no click.
// The solution goes in the X-Altcha header. Shared by the patient's form and the referral form.
import './altcha.js';

/** The widget's words (its `strings`), in the pages' languages. */
export const CHECK_WORDS = {
  en: {
    label: 'Automatic check that a person is sending this form (nothing to do)',
    verifying: 'Checking… this takes a few seconds.',
    verified: 'Checked',
    error: 'The automatic check did not work. Press Send to try again.',
    expired: 'The automatic check expired. Press Send to try again.',
    verificationRequired: 'The automatic check is needed: press Send.',
    waitAlert: 'Checking… please wait.',
    loading: 'Loading…',
    verify: 'Check',
    ariaLinkLabel: 'About the automatic check',
    footer: '',
    enterCode: '', enterCodeAria: '', getAudioChallenge: '', reload: '',
  },
  es: {
    label: 'Comprobación automática de que una persona envía este formulario (no tiene que hacer nada)',
    verifying: 'Comprobando… tarda unos segundos.',
    verified: 'Comprobado',
    error: 'La comprobación automática no funcionó. Pulse Enviar para intentarlo de nuevo.',
    expired: 'La comprobación automática caducó. Pulse Enviar para intentarlo de nuevo.',
    verificationRequired: 'Hace falta la comprobación automática: pulse Enviar.',
    waitAlert: 'Comprobando… espere, por favor.',
    loading: 'Cargando…',
    verify: 'Comprobar',
    ariaLinkLabel: 'Sobre la comprobación automática',
    footer: '',
    enterCode: '', enterCodeAria: '', getAudioChallenge: '', reload: '',
  },
};

/** The header the solution travels in. */
export const CHECK_HEADER = 'X-Altcha';

/**
 * Puts a widget in `container` with the words of `lang` ('en' | 'es'). Returns `solve()`: a
 * promise of a fresh solution (the widget's base64 payload), rejected when the check fails (for
 * example when the challenge cannot be fetched).
 */
export function createHumanCheck(container, lang = 'en') {
  const widget = document.createElement('altcha-widget');
  widget.setAttribute('challengeurl', '/api/challenge');
  widget.setAttribute('auto', 'off');
  widget.setAttribute('hidelogo', '');
  widget.setAttribute('hidefooter', '');
  widget.setAttribute('workerurl', '/assets/altcha-worker.js');
  widget.setAttribute('name', 'altcha');
  widget.setAttribute('strings', JSON.stringify(CHECK_WORDS[lang] ?? CHECK_WORDS.en));
  widget.id = 'human-check-widget';
  container.replaceChildren(widget);
  return { element: widget, solve: () => solve(widget) };
}

async function solve(widget) {
  // The custom element gets its methods once it has mounted (a frame after it joins the page).
  for (let i = 0; typeof widget.verify !== 'function'; i++) {
    if (i > 120 || !widget.isConnected) throw new Error('The automatic check is not on the page.');
    await new Promise((r) => requestAnimationFrame(r));
  }
  widget.reset(); // each send solves a fresh challenge: a solution is accepted once
  return new Promise((resolve, reject) => {
    const onState = (event) => {
      const { state, payload } = event.detail ?? {};
      if (state === 'verified' && payload) {
        widget.removeEventListener('statechange', onState);
        resolve(payload);
      } else if (state === 'error' || state === 'expired') {
        widget.removeEventListener('statechange', onState);
        reject(new Error(`The automatic check ended in "${state}".`));
      }
    };
    widget.addEventListener('statechange', onState);
    widget.verify();
  });
}
