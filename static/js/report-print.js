/* The print view's Print button: without JavaScript it stays hidden (the
   browser's own menu prints the page just as well). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
