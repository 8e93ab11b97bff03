// The site's search: a field in the header of every page (key /), results in a
// panel under it, and the search page sok/ with filters. The index is
// Pagefind's (pagefind/), loaded when the field is first used; the browser
// fetches only the parts of it a query needs. archive/views/search.py writes what it
// reads and says how; this file adds, in the browser:
//
// - æøå-less typing: a query word is folded (fold, the same rules as
//   archive/views/search.py) and looked up among the indexed words of its folded
//   beginning (sok/ord/<ab>.json), which give its proper spelling;
//   «stromsvag» is also searched as «strømsvåg», «motene» as «møtene».
// - a slip in a name: a word that begins no indexed word and is one edit from a
//   name (sok/ord/index.json) is searched as that name: «Aanensn» → «Aanensen».
// - the results: page title, the best part of the page (an agenda item, linked
//   to its heading), the excerpt with the hit marked, and the kind of page,
//   group and date as labelled values.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.fetch || !window.Promise) return;
  // The site may be served below a path (GitHub Pages): everything is found from this script's address.
  var ROOT = new URL("../../", script.src);
  var PANEL_RESULTS = 6;
  var PAGE_RESULTS = 10;
  var DEBOUNCE_MS = 80;
  // A query of one letter begins too many words to be worth the phone's time.
  var MIN_QUERY = 2;

  // -- Norwegian words -------------------------------------------------------------

  var LETTERS = { "å": "a", "ø": "o", "æ": "ae", "ä": "ae", "ö": "o" };

  // archive/views/search.py: fold. «Strømsvåg», «Stromsvaag» → «stromsvag».
  function fold(word) {
    return word.normalize("NFC").toLowerCase()
      .replace(/[åøæäö]/g, function (letter) { return LETTERS[letter]; })
      .replace(/aa/g, "a").replace(/oe/g, "o");
  }

  // A word as Pagefind compares it: accents that are marks on a letter (å, ä, é) do
  // not count, letters of their own (ø, æ) do.
  function pagefindForm(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function fileKey(folded) {
    var key = folded.slice(0, 2);
    return /^[a-z]{2}$/.test(key) ? key : "_";
  }

  // The words of a query, as typed (letters and digits; the rest separates them).
  function typedTerms(query) {
    return query.normalize("NFC").match(/[\p{L}\p{N}]+/gu) || [];
  }

  function terms(query) {
    return typedTerms(query).map(function (term) { return term.toLowerCase(); });
  }

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
    return n;
  }

  // The longest beginning of `word` whose folded form is at most `length` letters long.
  function beginning(word, length) {
    var end = 0;
    for (var i = 1; i <= word.length; i += 1) {
      if (fold(word.slice(0, i)).length <= length) end = i; else break;
    }
    return word.slice(0, end);
  }

  // Endings that turn one form of a word into another («møtene», «møtet»): a word
  // the index lacks in this form is still one it knows if its stem begins a known word.
  var ENDINGS = ["e", "a", "s", "t", "r", "en", "et", "er", "ar", "es", "ne", "te", "de", "ene", "ane", "ens", "ets", "ers", "ere", "est", "ende", "enes", "este", "ing", "inga", "ingen", "inger", "ingene", "het", "heten", "hetene"];

  function isKnown(word, words) {
    function begins(stem) {
      for (var i = 0; i < words.length; i += 1) if (words[i].lastIndexOf(stem, 0) === 0) return true;
      return false;
    }
    if (word.length >= 3 && begins(word)) return true;
    for (var i = 0; i < ENDINGS.length; i += 1) {
      var ending = ENDINGS[i];
      var stem = word.slice(0, word.length - ending.length);
      if (stem.length >= 4 && word.slice(-ending.length) === ending && begins(stem)) return true;
    }
    return false;
  }

  // The proper spellings of a typed word, from the indexed words that fold to the
  // same beginning, with the place of the word each came from (most frequent first):
  // «stromsvag» → «strømsvåg», «motene» → «møtene» (from «møter»).
  function respellings(term, folded, vocabulary) {
    var found = [];
    for (var i = 0; i < vocabulary.words.length; i += 1) {
      var other = vocabulary.folded[i];
      var shared = commonPrefix(folded, other);
      var close = other === folded || (shared >= 3 && shared >= folded.length - 3);
      if (!close) continue;
      var proper = beginning(vocabulary.words[i], shared);
      var typed = beginning(term, fold(proper).length);
      var spelling = proper + term.slice(typed.length);
      // Only ever more æ, ø and å than typed: «møtene» is not respelt «motene» because a folder is called «moter».
      if (spelling !== term && marks(spelling) >= marks(term) && found.every(function (f) { return f.spelling !== spelling; })) {
        found.push({ spelling: spelling, shared: shared, rank: i });
      }
    }
    found.sort(function (a, b) { return b.shared - a.shared || a.rank - b.rank; });
    return found.slice(0, 2);
  }

  // How common a word is among the indexed words of its file: the place of the
  // first (most frequent) one it begins; Infinity when it begins none.
  function rank(word, words) {
    for (var i = 0; i < words.length; i += 1) if (words[i].lastIndexOf(word, 0) === 0) return i;
    return Infinity;
  }

  function marks(word) {
    return (word.match(/[æøåäö]|aa|oe/g) || []).length;
  }

  // Damerau–Levenshtein distance (optimal string alignment), stopping above 1.
  function withinOneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var previous2 = null, previous = [], current;
    for (var j = 0; j <= b.length; j += 1) previous.push(j);
    for (var i = 1; i <= a.length; i += 1) {
      current = [i];
      var best = i;
      for (var k = 1; k <= b.length; k += 1) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + cost);
        if (previous2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, previous2[k - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > 1) return false;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length] === 1;
  }

  // -- what the browser fetches ----------------------------------------------------------

  var pagefindLoading = null;
  var aidsLoading = null;
  var vocabularies = {};

  // Pagefind's worker asks for its files one after another (the entry, then the
  // metadata and the WebAssembly) once it has started: asked for as soon as the
  // search opens, they are in the browser's cache by the time it asks.
  var warmed = false;

  function warmUp() {
    if (warmed) return;
    warmed = true;
    var get = function (path) { return fetch(new URL(path, ROOT).href).catch(function () { return null; }); };
    get("pagefind/pagefind-entry.json").then(function (response) { return response && response.ok ? response.json() : null; }).then(function (entry) {
      var language = entry && entry.languages && (entry.languages[document.documentElement.lang] || entry.languages[Object.keys(entry.languages)[0]]);
      if (!language) return;
      get("pagefind/pagefind." + language.hash + ".pf_meta");
      get("pagefind/wasm." + (language.wasm || "unknown") + ".pagefind");
    }).catch(function () { return null; });
  }

  function loadPagefind() {
    warmUp();
    if (!pagefindLoading) {
      pagefindLoading = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pagefind) {
        // Ranking: long pages (meetings) are not held back for their length, and a word in
        // a page's title adds little beyond the weight its heading has (archive/views/search.py: POLICIES).
        var options = { baseUrl: ROOT.pathname, excerptLength: 22, ranking: { pageLength: 0.1, metaWeights: { title: 1 } } };
        return pagefind.options(options).then(function () {
          return pagefind.init();
        }).then(function () {
          return pagefind;
        });
      });
      pagefindLoading.catch(function () { pagefindLoading = null; });
    }
    return pagefindLoading;
  }

  // While a word is typed: the parts of the index it will need, and the words of its
  // beginning (for the spellings), so that little is left to fetch after the last key.
  function prepare(query) {
    var long = terms(query).filter(function (term) { return term.length >= 3; });
    if (long.length) loadPagefind().then(function (pagefind) { pagefind.preload(long.join(" ")); });
    typedTerms(query).forEach(function (term) {
      var folded = fold(term.toLowerCase());
      if (folded.length >= 2 && !/\p{N}/u.test(folded)) loadVocabulary(fileKey(folded));
    });
  }

  function getJSON(path) {
    return fetch(new URL(path, ROOT).href).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
  }

  function loadAids() {
    if (!aidsLoading) {
      aidsLoading = getJSON("sok/ord/index.json").then(function (index) {
        var names = {};
        index.names.forEach(function (name) {
          (name.match(/\p{L}+/gu) || []).forEach(function (word) {
            if (word.length >= 3) names[fold(word)] = names[fold(word)] || word;
          });
        });
        return { files: index.files, names: names };
      }, function () { return { files: [], names: {} }; });
    }
    return aidsLoading;
  }

  function loadVocabulary(key) {
    if (!vocabularies[key]) {
      vocabularies[key] = loadAids().then(function (aids) {
        if (aids.files.indexOf(key) === -1) return [];
        return getJSON("sok/ord/" + key + ".json").catch(function () { return []; });
      }).then(function (words) {
        return { words: words, folded: words.map(fold), asIndexed: words.map(pagefindForm) };
      });
    }
    return vocabularies[key];
  }

  // -- planning a query -----------------------------------------------------------------

  // For each word of the query: what to search for, the other spellings to try,
  // and the name it was corrected to, if any. A word the index lacks as typed is
  // searched only in its other spellings: as typed, Pagefind would fall back to
  // a shorter beginning of it and find pages that do not have it.
  function plan(query) {
    var typed = typedTerms(query);
    return loadAids().then(function (aids) {
      return Promise.all(typed.map(function (asTyped) {
        var term = asTyped.toLowerCase();
        if (term.length < 2 || /\p{N}/u.test(term)) return { term: term, search: term, others: [] };
        var folded = fold(term);
        return loadVocabulary(fileKey(folded)).then(function (vocabulary) {
          var found = respellings(term, folded, vocabulary);
          var others = found.map(function (f) { return f.spelling; });
          var known = isKnown(pagefindForm(term), vocabulary.asIndexed);
          if (!known && others.length) return { term: asTyped, search: others[0], others: others.slice(1), respelled: others[0] };
          if (known || folded.length < 4) {
            // Both spellings are words of the archive («for», «før»): the more common one comes first.
            var preferOther = others.length > 0 && found[0].rank < rank(pagefindForm(term), vocabulary.asIndexed);
            return { term: asTyped, search: term, others: others, respelled: others[0], preferOther: preferOther };
          }
          var correction = null;
          Object.keys(aids.names).some(function (name) {
            if (withinOneEdit(folded, name)) { correction = aids.names[name]; return true; }
            return false;
          });
          if (!correction) {
            vocabulary.folded.some(function (word, i) {
              if (word.length >= 4 && withinOneEdit(folded, word)) { correction = vocabulary.words[i]; return true; }
              return false;
            });
          }
          return { term: asTyped, search: correction ? correction.toLowerCase() : term, others: [], correction: correction };
        });
      }));
    });
  }

  // The queries to run: as typed (or corrected), and with the other spellings,
  // each in a tier: the results of the first tier come before those found only
  // in the second. The other spellings are the second tier, unless one is the
  // more common word («sirkulaerokonomi» is an id in the guide, «sirkulærøkonomi»
  // a word in many minutes); a rare word scores high, so scores cannot weigh this.
  var LESS_LIKELY = 2;

  function variants(words) {
    var preferOther = words.some(function (w) { return w.preferOther; });
    var queries = [{ query: words.map(function (w) { return w.search; }).join(" "), tier: preferOther ? LESS_LIKELY : 1 }];
    for (var n = 0; n < 2; n += 1) {
      var changed = false;
      var query = words.map(function (w) {
        if (w.others[n]) { changed = true; return w.others[n]; }
        return w.others[0] || w.search;
      }).join(" ");
      if (changed && queries.every(function (q) { return q.query !== query; })) {
        queries.push({ query: query, tier: preferOther ? 1 : LESS_LIKELY });
      }
    }
    return queries;
  }

  // Pages about the site itself (the guide, the help, open data): they come after
  // the archive's own pages, whatever their score (archive/views/search.py: GUIDE).
  var ABOUT_THE_SITE = "Om nettstedet";
  // The header's panel fetches this many results more than it shows, to put the pages about the site after the rest.
  var ABOUT_HELD_BACK = 4;

  // Each search as two: the archive's pages, then the pages about the site, unless
  // the reader chose a kind of page (or `whole`: the header's panel, which puts
  // them last among what it shows, without the filters' index to wait for);
  // `sort` as Pagefind takes it (by date).
  function searchInParts(pagefind, query, filters, sort, whole) {
    var options = function (extra) {
      var chosen = Object.keys(filters).length ? { all: [filters, extra] } : extra;
      return sort ? { filters: chosen, sort: sort } : { filters: chosen };
    };
    if (filters.type || whole) return pagefind.search(query, sort ? { filters: filters, sort: sort } : { filters: filters }).then(function (found) { return [found]; });
    return Promise.all([pagefind.search(query, options({ not: { type: ABOUT_THE_SITE } })), pagefind.search(query, options({ type: ABOUT_THE_SITE }))]);
  }

  // Runs the query and its variants, best first (or by date, with `sort`); `filters` as Pagefind takes them.
  function runSearch(query, filters, sort, whole) {
    var trimmed = query.trim();
    return Promise.all([loadPagefind(), trimmed ? plan(trimmed) : Promise.resolve([])]).then(function (ready) {
      var pagefind = ready[0], words = ready[1];
      var queries = words.length ? variants(words) : [{ query: null, tier: 1 }];
      return Promise.all(queries.map(function (q) { return searchInParts(pagefind, q.query, filters, sort, whole); })).then(function (searches) {
        // A page found by several spellings counts in its best tier, with its best score there.
        var byId = {};
        var position = 0;
        searches.forEach(function (parts, n) {
          parts.forEach(function (search, part) {
            (search ? search.results : []).forEach(function (result) {
              position += 1;
              var found = { result: result, part: part, tier: queries[n].tier, score: result.score, position: position };
              var seen = byId[result.id];
              if (!seen || found.tier < seen.tier || (found.tier === seen.tier && found.score > seen.score)) byId[result.id] = found;
            });
          });
        });
        var merged = Object.keys(byId).map(function (id) { return byId[id]; });
        merged.sort(function (a, b) {
          if (a.part !== b.part) return a.part - b.part;
          if (sort) return a.tier - b.tier || a.position - b.position;  // Pagefind's date order within each tier
          return a.tier - b.tier || b.score - a.score;
        });
        return { results: merged.map(function (m) { return m.result; }), words: words };
      });
    });
  }

  // One search at a time: Pagefind answers in the order it is asked, so a search
  // for every pause in the typing would hold back the one for the whole query.
  // While one runs, only the latest of those asked for since waits its turn.
  var running = null;
  var waiting = null;

  function oneAtATime(job) {
    if (running) { waiting = job; return; }
    running = Promise.resolve().then(job).catch(function () { return null; }).then(function () {
      running = null;
      var next = waiting;
      waiting = null;
      if (next) oneAtATime(next);
    });
  }

  // -- showing results ----------------------------------------------------------------------

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts are text with «<» and «>» escaped (but not «&») and <mark>
  // around the hits. So «&lt;» in an excerpt is «<» on the page, or «&lt;» as it was
  // typed there: the page's own text (data.content) tells which. The excerpt is
  // rebuilt as text and mark elements, as it stands on the page, so nothing can
  // pass as markup and no entity is ever read (or cut in two).
  // An excerpt cut in the middle of a sentence starts at the next one, or with «…»,
  // and one cut before its end ends with «…».
  function asOnThePage(html, content) {
    var parts = [];
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      if (piece) parts.push({ text: piece, marked: marked });
      return marked;
    }, false);
    var pattern = parts.map(function (part) {
      return "(" + part.text.split(/(&lt;|&gt;|\s+)/).map(function (bit) {
        if (bit === "&lt;") return "(?:<|&lt;)";
        if (bit === "&gt;") return "(?:>|&gt;)";
        if (/^\s+$/.test(bit)) return "\\s+";
        return bit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }).join("") + ")";
    }).join("");
    var match = null;
    if (content && parts.length) {
      try { match = new RegExp(pattern).exec(content); } catch (error) { match = null; }
    }
    parts.forEach(function (part, i) {
      // Without the page's text, «&lt;» and «&gt;» are the escapes Pagefind made.
      part.text = match ? match[i + 1].replace(/\s+/g, " ") : part.text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    });
    return parts;
  }

  function excerpt(html, content) {
    var paragraph = element("p", "search-result__excerpt");
    var parts = asOnThePage(html || "", content);
    if (parts.length && !/^[\p{Lu}\p{N}«"(]/u.test(parts[0].text)) {
      var first = parts[0];
      var sentence = first.marked ? -1 : first.text.lastIndexOf(". ");
      first.text = "… " + (sentence >= 0 ? first.text.slice(sentence + 2) : first.text.replace(/^[\s–—-]+/, ""));
    }
    if (parts.length && !/[.!?»)]\s*$/.test(parts[parts.length - 1].text)) parts[parts.length - 1].text += " …";
    parts.forEach(function (part) {
      paragraph.appendChild(part.marked ? element("mark", null, part.text) : document.createTextNode(part.text));
    });
    return paragraph;
  }

  function bestPart(data) {
    var best = null, bestScore = -1;
    (data.sub_results || []).forEach(function (part) {
      var score = (part.weighted_locations || []).reduce(function (sum, l) { return sum + (l.balanced_score || 0); }, 0);
      if (score > bestScore) { best = part; bestScore = score; }
    });
    return best;
  }

  function labelled(list, label, value) {
    if (!value) return;
    var item = element("div");
    item.appendChild(element("dt", null, label));
    item.appendChild(element("dd", null, value));
    list.appendChild(item);
  }

  function resultItem(data) {
    var item = element("li", "search-result");
    var title = element("p", "search-result__title");
    var link = element("a", null, data.meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    item.appendChild(title);
    var part = bestPart(data);
    if (part && part.url !== data.url && part.title) {
      var section = element("p", "search-result__section");
      var sectionLink = element("a", null, part.title);
      sectionLink.href = part.url;
      section.appendChild(sectionLink);
      item.appendChild(section);
    }
    item.appendChild(excerpt(part ? part.excerpt : data.excerpt, data.content));
    var filters = data.filters || {};
    var meta = element("dl", "search-result__meta");
    labelled(meta, "Type", (filters.type || [])[0]);
    labelled(meta, "Gruppe", (filters.gruppe || [])[0]);
    labelled(meta, "Dato", data.meta.dato);
    if (meta.childNodes.length) item.appendChild(meta);
    return item;
  }

  function quoted(text) { return "«" + text + "»"; }

  function count(n) { return n === 1 ? "1 treff" : n + " treff"; }

  function listed(words, pick) {
    return words.map(function (w) { return quoted(pick(w)); }).join(" og ");
  }

  // What was found, in words, and what the search did with the query: the
  // names it corrected and the other spellings it tried.
  function summary(found, query) {
    var total = found.results.length;
    var corrected = found.words.filter(function (w) { return w.correction; });
    var respelled = found.words.filter(function (w) { return w.respelled; });
    if (corrected.length) {
      var typed = listed(corrected, function (w) { return w.term; });
      var names = listed(corrected, function (w) { return w.correction; });
      return total ? "Ingen treff for " + typed + ". Viser " + count(total) + " for " + names + "." : "Ingen treff for " + typed + " eller " + names + ".";
    }
    if (!total) return "Ingen treff for " + quoted(query) + ".";
    var text = count(total) + " for " + quoted(query) + ".";
    if (respelled.length) text += " Søkte også etter " + listed(respelled, function (w) { return w.respelled; }) + ".";
    return text;
  }

  // -- the field in the header ------------------------------------------------------------------

  function initHeader(form) {
    var input = form.querySelector(".site-search__input");
    var panel = form.querySelector(".site-search__panel");
    var status = form.querySelector("#site-search-status");
    var open = form.querySelector(".site-search__open");
    var close = form.querySelector(".site-search__close");
    var latest = 0;
    var timer = null;
    open.hidden = false;
    close.hidden = false;
    // The key / is for keyboards: a touch screen is told nothing about it.
    if (window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches) input.placeholder = "Søk (tast /)";

    function expand() {
      form.classList.add("site-search--open");
      loadPagefind();
      loadAids();
      input.focus();
    }

    function collapse(focusButton) {
      hidePanel();
      form.classList.remove("site-search--open");
      if (focusButton && getComputedStyle(open).display !== "none") open.focus();
    }

    function hidePanel() {
      panel.hidden = true;
    }

    // The panel is replaced when the first result's data is in (the previous
    // results stay until then, so nothing flickers); the others follow in order
    // as theirs arrive, and the list is busy until the last is shown.
    // The panel shows the first result as soon as its data is in (the previous
    // results stay until then, so nothing flickers); the others follow in order
    // as theirs arrive, and the list is busy until the last is shown. A page about
    // the site waits until the archive's own pages among the first are shown.
    function render(found, query, number) {
      if (number !== latest) return Promise.resolve();
      var candidates = found.results.slice(0, PANEL_RESULTS + ABOUT_HELD_BACK);
      var loading = candidates.map(function (r) { return r.data(); });
      var list = element("ol", "search-results");
      var text = summary(found, query);
      var shown = 0;
      var held = [];

      function open() {
        panel.textContent = "";
        panel.appendChild(element("p", "search-status", text));
        if (candidates.length) {
          list.setAttribute("aria-busy", "true");
          panel.appendChild(list);
        }
        var all = element("p", "site-search__all");
        var link = element("a", null, found.results.length > PANEL_RESULTS ? "Alle " + count(found.results.length) + ", med filtre" : "Søk med filtre");
        link.href = new URL("sok/?q=" + encodeURIComponent(query), ROOT).href;
        all.appendChild(link);
        panel.appendChild(all);
        panel.hidden = false;
        status.textContent = text;
      }

      function show(data) {
        if (number !== latest || shown >= PANEL_RESULTS) return;
        if (!shown) open();
        list.appendChild(resultItem(data));
        shown += 1;
      }

      return loading.reduce(function (chain, next) {
        return chain.then(function () { return next; }).then(function (data) {
          if (((data.filters || {}).type || [])[0] === ABOUT_THE_SITE) held.push(data);
          else show(data);
        });
      }, Promise.resolve()).then(function () {
        if (number !== latest) return;
        held.forEach(show);
        if (!shown) open();
        list.removeAttribute("aria-busy");
      });
    }

    function search() {
      var query = input.value.trim();
      latest += 1;
      var number = latest;
      if (query.length < MIN_QUERY) { hidePanel(); status.textContent = ""; return; }
      oneAtATime(function () {
        if (number !== latest) return null;  // a later query is waiting
        return runSearch(query, {}, null, true).then(function (found) { render(found, query, number); }).catch(function () {
          if (number !== latest) return;
          panel.textContent = "";
          panel.appendChild(element("p", "search-status", "Søket virker ikke akkurat nå. Prøv igjen senere."));
          panel.hidden = false;
        });
      });
    }

    input.addEventListener("focus", function () { loadPagefind(); loadAids(); });
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query) prepare(query);
      clearTimeout(timer);
      timer = setTimeout(search, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !panel.hidden) {
        var first = panel.querySelector(".search-result a");
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === "Escape") {
        if (!panel.hidden) hidePanel(); else collapse(true);
      }
    });
    panel.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll(".search-result__title a"));
      var index = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && index < links.length - 1) {
        event.preventDefault();
        links[index + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (index > 0) links[index - 1].focus(); else input.focus();
      } else if (event.key === "Escape") {
        hidePanel();
        input.focus();
      }
    });
    open.addEventListener("click", expand);
    close.addEventListener("click", function () { collapse(true); });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) hidePanel();
    });
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget)) hidePanel();
    });
    return { focus: function () { if (getComputedStyle(open).display !== "none") expand(); else input.focus(); input.select(); } };
  }

  // -- the search page sok/ -----------------------------------------------------------------------

  function initPage(form) {
    var input = form.querySelector("#search-page-input");
    var status = form.querySelector("#search-page-status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var order = form.querySelector("#search-sort");
    var list = document.getElementById("search-page-results");
    var more = document.getElementById("search-page-more");
    var latest = 0;
    var timer = null;
    var current = null;
    var shown = 0;
    form.hidden = false;

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.concat(order ? [order] : []).forEach(function (select) {
      var wanted = params.get(select.name);
      Array.prototype.forEach.call(select.options, function (option) { if (wanted && option.value === wanted) select.value = wanted; });
    });

    function sorting() {
      return order && order.value ? { dato: order.value } : null;
    }

    function filters() {
      var chosen = {};
      selects.forEach(function (select) { if (select.value) chosen[select.dataset.filter] = select.value; });
      return chosen;
    }

    function remember() {
      var params = new URLSearchParams();
      if (input.value.trim()) params.set("q", input.value.trim());
      selects.concat(order ? [order] : []).forEach(function (select) { if (select.value) params.set(select.name, select.value); });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    // The next results; `fresh` replaces what the list shows (once the data is there, so it does not flicker).
    function showMore(number, fresh) {
      var next = current.results.slice(fresh ? 0 : shown, (fresh ? 0 : shown) + PAGE_RESULTS);
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
        if (number !== latest) return;
        if (fresh) { list.textContent = ""; shown = 0; }
        data.forEach(function (d) { list.appendChild(resultItem(d)); });
        shown += data.length;
        more.hidden = shown >= current.results.length;
      });
    }

    function search() {
      var query = input.value.trim();
      var chosen = filters();
      latest += 1;
      var number = latest;
      remember();
      if (!query && !Object.keys(chosen).length) {
        list.textContent = "";
        more.hidden = true;
        status.textContent = "";
        return;
      }
      if (query && query.length < MIN_QUERY) return;
      oneAtATime(function () {
        if (number !== latest) return null;
        return pageSearch(query, chosen, number);
      });
    }

    function pageSearch(query, chosen, number) {
      return runSearch(query, chosen, sorting()).then(function (found) {
        if (number !== latest) return;
        current = found;
        var text = query ? summary(found, query) : (found.results.length ? count(found.results.length) + "." : "Ingen treff.");
        var narrowed = selects.filter(function (s) { return s.value; }).map(function (s) { return s.labels[0].textContent + ": " + s.value; });
        if (narrowed.length) text += " Avgrenset til " + narrowed.join(", ") + ".";
        if (sorting()) text += order.value === "desc" ? " Nyeste først." : " Eldste først.";
        return showMore(number, true).then(function () { if (number === latest) status.textContent = text; });
      }).catch(function () {
        if (number === latest) status.textContent = "Søket virker ikke akkurat nå. Prøv igjen senere.";
      });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (query) prepare(query);
      clearTimeout(timer);
      timer = setTimeout(search, DEBOUNCE_MS);
    });
    selects.concat(order ? [order] : []).forEach(function (select) { select.addEventListener("change", search); });
    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    more.addEventListener("click", function () {
      var first = list.children.length;
      showMore(latest).then(function () {
        var next = list.children[first];
        if (next) next.querySelector("a").focus();
      });
    });
    // The filters' index, which every search here reads (the pages about the site come last): small, fetched now.
    loadPagefind().then(function (pagefind) { return pagefind.filters(); }).catch(function () { return null; });
    loadAids();
    if (input.value || Object.keys(filters()).length) search();
    return { focus: function () { input.focus(); input.select(); } };
  }

  // -- the key / ------------------------------------------------------------------------------------

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function init() {
    var pageForm = document.getElementById("search-page");
    var headerForm = document.querySelector("form.site-search");
    var target = pageForm ? initPage(pageForm) : headerForm ? initHeader(headerForm) : null;
    if (!target) return;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      event.preventDefault();
      target.focus();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
