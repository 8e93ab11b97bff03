// The site's small behaviours. Every page works without them: tables are
// complete, filters are links, addresses can be selected by hand.
(function () {
  "use strict";

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

  // -- filters: select boxes that hide rows, kept in the address ---------------
  function rowsFor(form) {
    var name = form.dataset.rows;
    var scope = name ? document.querySelectorAll("table." + name) : document.querySelectorAll(".archive-year table");
    var rows = [];
    Array.prototype.forEach.call(scope, function (table) {
      Array.prototype.push.apply(rows, table.tBodies[0].rows);
    });
    return rows;
  }

  function matches(row, choices) {
    return choices.every(function (choice) {
      if (!choice.value) return true;
      var values = (row.dataset[choice.facet] || "").split(" ");
      return values.indexOf(choice.value) !== -1;
    });
  }

  function applyFilter(form, remember) {
    var selects = form.querySelectorAll("select[data-facet]");
    var choices = Array.prototype.map.call(selects, function (select) {
      return { facet: select.dataset.facet, value: select.value };
    });
    var shown = 0, total = 0;
    rowsFor(form).forEach(function (row) {
      var visible = matches(row, choices);
      row.hidden = !visible;
      total += 1;
      if (visible) shown += 1;
    });
    document.querySelectorAll(".archive-year").forEach(function (block) {
      var any = block.querySelector("tbody tr:not([hidden])");
      block.hidden = !any;
      var heading = document.getElementById(block.dataset.year);
      if (heading) heading.hidden = !any;
    });
    var count = form.querySelector(".archive-filter-count");
    if (count) count.textContent = "Viser " + shown + " av " + total + ".";
    if (remember && window.history && window.history.replaceState) {
      var params = new URLSearchParams(window.location.search);
      choices.forEach(function (choice) {
        if (choice.value) params.set(choice.facet, choice.value); else params.delete(choice.facet);
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
  }

  function initFilter(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select[data-facet]").forEach(function (select) {
      var wanted = params.get(select.dataset.facet);
      if (!wanted) return;
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value === wanted) select.value = wanted;
      });
    });
    form.hidden = false;
    // The links that stand in for the form without JavaScript would only repeat it.
    var links = form.parentNode.querySelector(".archive-links");
    if (links) links.hidden = true;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { applyFilter(form, true); });
    applyFilter(form, false);
  }

  // -- the name filter on the contacts page -------------------------------------
  function initContactFilter(box) {
    var input = box.querySelector("input");
    var list = document.getElementById(input.dataset.filterTarget);
    var count = box.querySelector(".contact-filter-count");
    box.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      list.querySelectorAll("li[data-name]").forEach(function (item) {
        var visible = !query || item.dataset.name.indexOf(query) !== -1;
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      list.querySelectorAll(".contact-letter").forEach(function (section) {
        section.hidden = !section.querySelector("li[data-name]:not([hidden])");
      });
      count.textContent = query ? (shown === 1 ? "1 person" : shown + " personer") : "";
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

  function init() {
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
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
