// wirelens: clicking a speaker's colour in an article's legend shows only that speaker's
// quotations highlighted; clicking it again shows them all. A button hides or shows the
// event marks. No dependencies.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var text = document.getElementById("text");
  if (!text) return;
  var current = null;
  var swatches = document.querySelectorAll(".legend button.swatch");
  swatches.forEach(function (button) {
    button.addEventListener("click", function () {
      var colour = button.getAttribute("data-colour");
      current = current === colour ? null : colour;
      text.classList.toggle("focused", current !== null);
      text.querySelectorAll(".quote").forEach(function (el) {
        el.classList.toggle("dim", current !== null && !el.classList.contains(current));
      });
      swatches.forEach(function (b) {
        b.classList.toggle("active", b.getAttribute("data-colour") === current);
      });
    });
  });
  // event marks: hide or show the underlines of event triggers
  document.querySelectorAll("button.toggle-events").forEach(function (button) {
    button.addEventListener("click", function () {
      var hidden = text.classList.toggle("hide-events");
      button.setAttribute("aria-pressed", hidden ? "false" : "true");
      button.textContent = hidden ? "Show event marks" : "Hide event marks";
    });
  });
  // "removed junk" link: open the details it points to
  document.querySelectorAll("a.show-removed").forEach(function (a) {
    a.addEventListener("click", function () {
      var details = document.getElementById("removed");
      if (details) details.open = true;
    });
  });
});
