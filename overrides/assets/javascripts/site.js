// The site's small behaviours. Every page works without them: tables are
// complete, lists have numbered pages, filters are links, addresses can be
// selected by hand.
(function () {
  "use strict";

  var script = document.currentScript;
  // The site may be served below a path (GitHub Pages): everything is found from this script's address.
  var ROOT = script ? new URL("../../", script.src) : new URL("/", window.location.href);
  var SHOWN_AT_ONCE = 50;  // rows a filtered list shows before «Vis flere» (archive/views/paging.py: PAGE_ROWS)

  function today() {
    var now = new Date();
    var month = now.getMonth() + 1, day = now.getDate();
    return now.getFullYear() + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
  }

  // -- sortable tables: header cells become buttons ---------------------------
  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  // Dates as the site writes them («8. april 2025») sort by time, not by letter:
  // the last whole date in a cell («udatert, mellom 16. januar og 8. april 2025»).
  var MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];
  var DATE = /(\d{1,2})\. (januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember) (\d{4})/g;

  function dateKey(text) {
    var found = null, match;
    DATE.lastIndex = 0;
    while ((match = DATE.exec(text)) !== null) found = match;
    if (!found) return null;
    var month = MONTHS.indexOf(found[2]) + 1;
    return found[3] + "-" + (month < 10 ? "0" : "") + month + "-" + (found[1].length < 2 ? "0" : "") + found[1];
  }

  function compare(a, b) {
    var numberA = Number(a), numberB = Number(b);
    if (a !== "" && b !== "" && !isNaN(numberA) && !isNaN(numberB)) return numberA - numberB;
    var dateA = dateKey(a), dateB = dateKey(b);
    if (dateA && dateB) return dateA < dateB ? -1 : dateA > dateB ? 1 : 0;
    if (dateA || dateB) return dateA ? -1 : 1;  // a date before a dash
    return a.localeCompare(b, "nb");
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(cellText(a, index), cellText(b, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // -- «Forfalt» once the deadline has passed ------------------------------------
  // The site says «Forfalt» for what was overdue when it was built; a deadline
  // that has passed since is shown as such too.
  function markOverdue(scope) {
    var now = today();
    scope.querySelectorAll(".badge--open[data-due]").forEach(function (badge) {
      if (badge.dataset.due < now) {
        badge.textContent = "Forfalt";
        badge.className = "badge badge--overdue";
      }
    });
  }

  // -- filters over a whole register ----------------------------------------------
  // A form with data-list filters every row of the register, from the rows
  // written as data (archive/views/lists.py), fetched when the choice is not
  // what the page itself shows. Without data-list, it hides the rows of the page.
  var loaded = {};

  function fetchRows(file) {
    if (!loaded[file]) {
      loaded[file] = fetch(new URL(file, ROOT).href).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) { return data.rows; });
      loaded[file].catch(function () { delete loaded[file]; });
    }
    return loaded[file];
  }

  function choicesOf(form) {
    var choices = {};
    form.querySelectorAll("select[data-facet]").forEach(function (select) { choices[select.dataset.facet] = select.value; });
    var sorter = form.querySelector("select[data-sort]");
    if (sorter) choices.sorter = sorter.value;
    return choices;
  }

  function isDefault(form, choices) {
    var defaults = JSON.parse(form.dataset.default || "{}");
    var sorter = form.querySelector("select[data-sort]");
    return Object.keys(choices).every(function (key) {
      if (key === "sorter") return !sorter || choices.sorter === sorter.options[0].value;
      return (choices[key] || "") === (defaults[key] || "");
    });
  }

  function rowMatches(facets, choices) {
    return Object.keys(choices).every(function (key) {
      if (key === "sorter" || !choices[key]) return true;
      return (facets[key] || "").split(" ").indexOf(choices[key]) !== -1;
    });
  }

  function sortRows(rows, sorter) {
    if (!sorter) return rows;
    var descending = sorter.charAt(0) === "-";
    var key = descending ? sorter.slice(1) : sorter;
    return rows.slice().sort(function (a, b) {
      var x = a[2][key] || "", y = b[2][key] || "";
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
  }

  // The rows' cells are the site's own HTML, built like its pages (archive/views/html.py);
  // their links are written from the site's root.
  function fill(element, html) {
    element.innerHTML = html;
    element.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!/^([a-z]+:|#|\/)/i.test(href)) link.href = new URL(href, ROOT).href;
    });
    return element;
  }

  function rowElement(cells, labels) {
    var row = document.createElement("tr");
    cells.forEach(function (html, index) {
      var cell = fill(document.createElement("td"), html);
      cell.dataset.label = labels[index] || "";
      if (html === "–") cell.className = "empty";
      row.appendChild(cell);
    });
    return row;
  }

  function initDataFilter(form) {
    var table = document.querySelector("table." + form.dataset.rows);
    var body = table ? table.tBodies[0] : null;
    var original = body ? Array.prototype.slice.call(body.rows) : [];
    var pagers = document.querySelectorAll(".md-content nav.pager");
    var count = form.querySelector(".archive-filter-count");
    var labels = JSON.parse(form.dataset.labels || "[]");
    var shards = JSON.parse(form.dataset.shards || "[]");
    var all = JSON.parse(form.dataset.all || "[]");
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button filter-more";
    more.hidden = true;
    more.textContent = "Vis flere";
    if (table) table.parentNode.insertBefore(more, table.nextSibling);
    var latest = 0, matching = [], shown = 0;

    function showMore() {
      var next = matching.slice(shown, shown + SHOWN_AT_ONCE);
      var fragment = document.createDocumentFragment();
      next.forEach(function (row) { fragment.appendChild(rowElement(row[0], labels)); });
      body.appendChild(fragment);
      markOverdue(body);
      shown += next.length;
      more.hidden = shown >= matching.length;
      count.textContent = matching.length ? "Viser " + shown + " av " + matching.length + "." : "Ingen treff.";
    }

    function apply(remember) {
      var choices = choicesOf(form);
      latest += 1;
      var number = latest;
      if (remember) rememberChoices(form, choices);
      if (!body) return;
      if (isDefault(form, choices)) {
        body.textContent = "";
        original.forEach(function (row) { body.appendChild(row); });
        pagers.forEach(function (pager) { pager.hidden = false; });
        more.hidden = true;
        count.textContent = "";
        return;
      }
      // The one file of the first facet chosen (a group's, a year's), or all of them.
      var files = all;
      shards.some(function (shard) {
        var file = choices[shard[0]] && shard[1][choices[shard[0]]];
        if (file) files = [file];
        return Boolean(file);
      });
      count.textContent = "Henter …";
      form.setAttribute("aria-busy", "true");
      // Fetched at once; each filtered as it arrives, in a task of its own: no long block on a slow phone.
      var found = [];
      Promise.all(files.map(function (file) {
        return fetchRows(form.dataset.list + file).then(function (rows) {
          if (number !== latest) return;
          rows.forEach(function (row) { if (rowMatches(row[1], choices)) found.push(row); });
        });
      })).then(function () {
        if (number !== latest) return;
        form.removeAttribute("aria-busy");
        matching = sortRows(found, choices.sorter);
        shown = 0;
        body.textContent = "";
        pagers.forEach(function (pager) { pager.hidden = true; });
        showMore();
      }, function () {
        if (number !== latest) return;
        form.removeAttribute("aria-busy");
        count.textContent = "Listen kunne ikke hentes. Bruk sidene under, eller prøv igjen senere.";
      });
    }

    more.addEventListener("click", showMore);
    return apply;
  }

  // -- filters that hide the rows of the page itself -------------------------------
  function rowsFor(form) {
    var name = form.dataset.rows;
    var scope = name ? document.querySelectorAll("table." + name) : document.querySelectorAll(".archive-year table");
    var rows = [];
    Array.prototype.forEach.call(scope, function (table) {
      Array.prototype.push.apply(rows, table.tBodies[0].rows);
    });
    return rows;
  }

  function initPageFilter(form) {
    return function () {
      var choices = choicesOf(form);
      var shown = 0, total = 0;
      rowsFor(form).forEach(function (row) {
        var facets = {};
        Object.keys(choices).forEach(function (key) { facets[key] = row.dataset[key] || ""; });
        var visible = rowMatches(facets, choices);
        row.hidden = !visible;
        total += 1;
        if (visible) shown += 1;
      });
      var count = form.querySelector(".archive-filter-count");
      if (count) count.textContent = "Viser " + shown + " av " + total + ".";
    };
  }

  function rememberChoices(form, choices) {
    if (!window.history || !window.history.replaceState) return;
    var params = new URLSearchParams(window.location.search);
    var defaults = JSON.parse(form.dataset.default || "{}");
    Object.keys(choices).forEach(function (key) {
      var value = choices[key];
      // A choice that differs from the page's own is kept, «all» included (as an empty value).
      if (key === "sorter") {
        if (value && value !== form.querySelector("select[data-sort]").options[0].value) params.set(key, value); else params.delete(key);
      } else if (value) params.set(key, value);
      else if (defaults[key]) params.set(key, "");
      else params.delete(key);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function initFilter(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select[data-facet], select[data-sort]").forEach(function (select) {
      var key = select.dataset.facet || "sorter";
      if (!params.has(key)) return;
      var wanted = params.get(key);
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value === wanted) select.value = wanted;
      });
    });
    form.hidden = false;
    // The links that stand in for the form without JavaScript would only repeat it.
    var links = form.parentNode.querySelector(".archive-links");
    if (links) links.hidden = true;
    var apply = form.dataset.list ? initDataFilter(form) : initPageFilter(form);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { apply(true); });
    if (!form.dataset.list || !isDefault(form, choicesOf(form))) apply(false);
  }

  // -- the name filter on the contacts page -------------------------------------
  // On one page it hides the people that do not match; when the list has several
  // pages, it shows the matches among everyone (fetched once, when first used).
  function initContactFilter(box) {
    var input = box.querySelector("input");
    var list = document.getElementById(input.dataset.filterTarget);
    var count = box.querySelector(".contact-filter-count");
    var source = input.dataset.list;
    var results = null;
    box.hidden = false;

    function filterPage(query) {
      var shown = 0;
      list.querySelectorAll("li[data-name]").forEach(function (item) {
        var visible = !query || item.dataset.name.indexOf(query) !== -1;
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      list.querySelectorAll(".contact-letter").forEach(function (section) {
        section.hidden = !section.querySelector("li[data-name]:not([hidden])");
      });
      return shown;
    }

    function filterAll(query) {
      if (!results) {
        results = document.createElement("ul");
        results.className = "contact-list-entries contact-results";
        list.parentNode.insertBefore(results, list);
      }
      return fetchRows(source).then(function (rows) {
        if (input.value.trim().toLowerCase() !== query) return null;
        var found = rows.filter(function (row) { return row[1].navn.indexOf(query) !== -1; });
        results.textContent = "";
        found.slice(0, SHOWN_AT_ONCE).forEach(function (row) { results.appendChild(fill(document.createElement("li"), row[0][0])); });
        return found.length;
      });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var say = function (shown) {
        if (shown === null) return;
        count.textContent = query ? (shown === 1 ? "1 person" : shown + " personer") : "";
      };
      if (!source) { say(filterPage(query)); return; }
      list.hidden = Boolean(query);
      document.querySelectorAll(".md-content nav.pager").forEach(function (pager) { pager.hidden = Boolean(query); });
      if (!query) { if (results) results.textContent = ""; say(0); return; }
      filterAll(query).then(function (shown) {
        if (shown !== null && shown > SHOWN_AT_ONCE) count.textContent = shown + " personer; de " + SHOWN_AT_ONCE + " første vises. Skriv mer av navnet.";
        else say(shown);
      }, function () { count.textContent = "Listen kunne ikke hentes."; });
    });
  }

  // -- copy buttons and the print button ----------------------------------------
  function initCopy(button) {
    var field = document.getElementById(button.dataset.copy);
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        button.textContent = "Kopiert";
        setTimeout(function () { button.textContent = "Kopier"; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      } else {
        field.select();
        try { if (document.execCommand("copy")) done(); } catch (error) { /* the address stays selected */ }
      }
    });
  }

  // -- a heading's link on a touch screen: share it -----------------------------------
  // The link beside each agenda item's heading is always shown on touch screens
  // (extra.css); a tap offers the phone's own sharing, where there is one.
  function initShareLinks() {
    if (!navigator.share || !window.matchMedia("(hover: none)").matches) return;
    document.querySelectorAll(".md-content h2[id^='sak-'] .headerlink").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var heading = link.parentNode.textContent.replace(/¶\s*$/, "").trim();
        navigator.share({ title: heading + " – " + document.title, url: link.href }).catch(function () { /* closed */ });
      });
    });
  }

  // -- the tab of a page that is not in the menu itself -----------------------------
  // A meeting, a person or a year's page belongs to the section whose address
  // its own begins with; the theme marks a tab only for the pages in the menu.
  function markTab() {
    var tabs = document.querySelectorAll(".md-tabs__item");
    if (!tabs.length || document.querySelector(".md-tabs__item--active")) return;
    var here = window.location.pathname;
    var best = null, bestLength = 0;
    tabs.forEach(function (tab) {
      var link = tab.querySelector("a.md-tabs__link");
      if (!link) return;
      var path = new URL(link.href).pathname;
      if (path === ROOT.pathname) return;  // the front page is no section
      if (here.indexOf(path) === 0 && path.length > bestLength) { best = tab; bestLength = path.length; }
    });
    // Pages whose folder is not their section's: groups are under Kontakter, the
    // calendar's and attendance's own pages under Møter, the guide under Hjelp.
    if (!best) {
      var section = here.slice(ROOT.pathname.length).split("/")[0];
      var alias = { grupper: "kontakter/", kalender: "moter/", oppmote: "moter/", veiledning: "hjelp/", data: "hjelp/" }[section];
      if (alias) {
        tabs.forEach(function (tab) {
          var link = tab.querySelector("a.md-tabs__link");
          if (link && new URL(link.href).pathname === ROOT.pathname + alias) best = tab;
        });
      }
    }
    if (best) {
      best.classList.add("md-tabs__item--active");
      best.querySelector("a.md-tabs__link").setAttribute("aria-current", "true");
    }
  }

  // -- printed minutes say where they are on the web ------------------------------------
  function fillPrintAddress() {
    document.querySelectorAll(".print-header__address").forEach(function (line) {
      line.textContent = "Nettside: " + window.location.href.split("#")[0];
    });
  }

  function init() {
    markTab();
    fillPrintAddress();
    markOverdue(document);
    document.querySelectorAll(".sortable-table table").forEach(function (table) {
      if (!table.dataset.sortable) { table.dataset.sortable = "yes"; makeSortable(table); }
    });
    document.querySelectorAll("form.archive-filter").forEach(initFilter);
    document.querySelectorAll(".contact-filter").forEach(initContactFilter);
    document.querySelectorAll("button.copy-button").forEach(initCopy);
    document.querySelectorAll("button.print-button").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    initShareLinks();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
