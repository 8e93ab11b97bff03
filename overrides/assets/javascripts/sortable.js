// Sortable tables: every table inside .sortable-table gets clickable column
// headers. Without JavaScript the table is simply shown as it was generated.
(function () {
  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    var numberA = parseFloat(a), numberB = parseFloat(b);
    if (!isNaN(numberA) && !isNaN(numberB) && String(numberA) === a && String(numberB) === b) {
      return numberA - numberB;
    }
    return a.localeCompare(b, "nb");
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
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

  function init() {
    document.querySelectorAll(".sortable-table table").forEach(function (table) {
      if (!table.dataset.sortable) {
        table.dataset.sortable = "yes";
        makeSortable(table);
      }
    });
  }

  // Material's instant loading swaps pages without a reload; document$ tells us.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
