/* On a phone the main menu folds behind a "Menu" button (progressive
   enhancement: without JavaScript the menu is simply shown). */
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!toggle || !menu || !window.matchMedia) return;
  var phone = window.matchMedia("(max-width: 720px)");
  function apply() {
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.hidden = !phone.matches;
    menu.hidden = phone.matches && !open;
  }
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    apply();
    if (!open) {
      var first = menu.querySelector("a, button");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      apply();
      toggle.focus();
    }
  });
  if (phone.addEventListener) phone.addEventListener("change", apply);
  apply();
})();
