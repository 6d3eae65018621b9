// The index's filters: hide the timeline rows no filter value fits. Without
// script the filters stay hidden and every project is listed.
"use strict";
(function () {
  var form = document.getElementById("filters");
  var rows = document.getElementById("project-rows");
  if (!form || !rows) { return; }
  var items = Array.prototype.slice.call(rows.children);
  var shown = document.getElementById("shown");
  var template = form.getAttribute("data-shown");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function fits(item) {
    return selects.every(function (select) {
      if (!select.value) { return true; }
      var values = (item.getAttribute("data-" + select.name) || "").split(" ");
      return values.indexOf(select.value) !== -1;
    });
  }

  function apply() {
    var count = 0;
    items.forEach(function (item) {
      var keep = fits(item);
      item.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = template.replace("{shown}", count).replace("{total}", items.length);
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
