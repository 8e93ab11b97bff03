// Archive filter: select boxes that hide meetings by group, focus area and year.
// Without JavaScript the form stays hidden and the archive is a plain list
// with links per group, focus area and year (see views.archive_filter).
(function () {
  function matches(marker, choices) {
    return choices.every(function (choice) {
      if (!choice.value) return true;
      var values = (marker.dataset[choice.facet] || "").split(" ");
      return values.indexOf(choice.value) !== -1;
    });
  }

  function apply(form) {
    var choices = Array.prototype.map.call(form.querySelectorAll("select[data-facet]"), function (select) {
      return { facet: select.dataset.facet, value: select.value };
    });
    var shown = 0, total = 0;
    document.querySelectorAll(".archive-year").forEach(function (block) {
      var visibleInBlock = 0;
      block.querySelectorAll(".meeting-facets").forEach(function (marker) {
        var row = marker.closest("tr");
        var visible = matches(marker, choices);
        row.hidden = !visible;
        total += 1;
        if (visible) { shown += 1; visibleInBlock += 1; }
      });
      block.hidden = visibleInBlock === 0;
    });
    var count = form.querySelector(".archive-filter-count");
    if (count) count.textContent = "Viser " + shown + " av " + total + " møter.";
  }

  function init() {
    document.querySelectorAll("form.archive-filter").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "yes";
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("change", function () { apply(form); });
      apply(form);
    });
  }

  // Material's instant loading swaps pages without a reload; document$ tells us.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
