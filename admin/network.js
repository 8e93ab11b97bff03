// Every request the form makes goes through here (admin/main.js installs this
// before Sveltia loads), for two reasons:
//
// 1. The form talks only to the site and to GitHub's API: the hosts the
//    page's Content Security Policy names in connect-src. A request to any
//    other host (Sveltia asks githubstatus.com how GitHub is doing) is
//    refused here as a network error, before it is made, instead of being
//    refused by the browser's policy with an error in the console.
// 2. When GitHub refuses the token (401 «Bad credentials»: expired, deleted
//    or pasted wrong), the secretary is told so in Norwegian, and what to do;
//    Sveltia says only, in English, that the token is invalid.
// 3. The token needs no access to issues: Sveltia 0.221 reads a pull
//    request's labels from the issues endpoint (GET /repos/…/issues/N), which
//    a token with only Contents and Pull requests may not read; the same
//    labels are read here from the pull request itself (GET /repos/…/pulls/N),
//    as later versions of Sveltia do.

export const TOKEN_REFUSED =
  'GitHub godtok ikke nøkkelen (tokenet). Den er kanskje utløpt, slettet eller limt inn feil. ' +
  'Lag en ny nøkkel på GitHub og logg inn med den. ';
export const GUIDE_LINK_TEXT = 'Slik lager du en ny nøkkel';
export const GUIDE_ADDRESS = '../veiledning/#skjemaet-for-referater';

/** The origins and schemes connect-src allows, read from the page's policy. */
export function allowedConnections(doc, here) {
  const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const directive = (meta?.content ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src');
  const origins = new Set();
  const schemes = new Set();
  for (const source of directive?.slice(1) ?? ["'self'"]) {
    if (source === "'self'") origins.add(here.origin);
    else if (/^[a-z]+:$/.test(source)) schemes.add(source);
    else origins.add(new URL(source).origin);
  }
  return { origins, schemes };
}

const sentWithToken = (input, init) => {
  try {
    return new Headers(init?.headers ?? input?.headers).has('Authorization');
  } catch {
    return false;
  }
};

const ISSUE = /^(.*\/repos\/[^/]+\/[^/]+)\/issues\/(\d+)$/;

/** The address to ask: a pull request's labels from the pull request, not its issue. */
export function narrowed(url, method) {
  const issue = (method ?? 'GET').toUpperCase() === 'GET' ? url.pathname.match(ISSUE) : null;
  if (!issue) return url;
  const pull = new URL(url);
  pull.pathname = `${issue[1]}/pulls/${issue[2]}`;
  return pull;
}

export function guardRequests(win, doc) {
  const plainFetch = win.fetch.bind(win);
  const { origins, schemes } = allowedConnections(doc, win.location);
  const tell = (refused) => {
    const box = doc.getElementById('skjema-varsel');
    if (!box) return;
    if (refused) {
      const link = doc.createElement('a');
      link.href = GUIDE_ADDRESS;
      // A new tab, as on the sign-in help: Sveltia keeps same-window links to the site to itself.
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = GUIDE_LINK_TEXT;
      box.replaceChildren(doc.createTextNode(TOKEN_REFUSED), link, doc.createTextNode('.'));
    }
    box.hidden = !refused;
  };
  win.fetch = async (input, init) => {
    const asked = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, win.location.href);
    if (!origins.has(asked.origin) && !schemes.has(asked.protocol)) {
      throw new TypeError(`Skjemaet henter ikke noe fra ${asked.host}.`);
    }
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = narrowed(asked, method);
    const target = url === asked ? input : input instanceof Request ? new Request(url.href, input) : url.href;
    const response = await plainFetch(target, init);
    if (sentWithToken(input, init)) {
      if (response.status === 401) tell(true);
      else if (response.ok) tell(false);
    }
    return response;
  };
}
