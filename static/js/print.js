/* Optional: open every closed <details> (e.g. the moderators' memo) while
   printing, and close them again afterwards. Without JavaScript the print
   style sheet (details::details-content) shows their content instead. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });
})();
