// The secretary's web form: Sveltia CMS (bundled from npm by admin/bundle.mjs)
// with the configuration in config.yml beside this page, which
// scripts/build_admin.py generates from archive/model/schema.py.
//
// Ours, around it: every request passes through admin/network.js (only the
// site and GitHub's API; a Norwegian message when GitHub refuses the token),
// installed before Sveltia is even loaded; and Norwegian help on the sign-in
// page, which goes away once signed in.

import './skjema.css';
import { guardRequests } from './network.js';

guardRequests(window, document);

const { default: CMS } = await import('@sveltia/cms');

CMS.init();

// Our help goes on Sveltia's sign-in page, under its buttons; once signed in,
// that page is gone and the help is hidden.
const help = document.getElementById('skjema-hjelp');
const placeHelp = () => {
  const button = [...document.querySelectorAll('button')].find((b) => /Sign In Using Access Token/i.test(b.textContent ?? ''));
  const buttons = button?.closest('.buttons');
  if (buttons) {
    if (buttons.nextElementSibling !== help) buttons.after(help);
    help.hidden = false;
  } else {
    help.hidden = true;
    if (!help.isConnected) document.body.append(help);
  }
};
new MutationObserver(placeHelp).observe(document.body, { childList: true, subtree: true });
placeHelp();

// Sveltia adds a viewport of its own that stops zooming on phones
// (maximum-scale=1); people who need larger text must be able to zoom
// (WCAG 1.4.4), so it is given back the page's own, zoomable viewport.
const ZOOMABLE = 'width=device-width, initial-scale=1';
const keepZoom = () => {
  for (const meta of document.head.querySelectorAll('meta[name="viewport"]')) {
    if (meta.content !== ZOOMABLE) meta.content = ZOOMABLE;
  }
};
new MutationObserver(keepZoom).observe(document.head, { childList: true, subtree: true, attributes: true, attributeFilter: ['content'] });
keepZoom();
