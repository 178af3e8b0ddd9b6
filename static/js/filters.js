/* On a phone the list's filters, and the staff pages' tabs, fold into their
   disclosure ("Filter and sort", "Administration: …"); on a wide screen
   they stay open (progressive enhancement: without JavaScript they are
   simply shown). */
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".filter-box");
  if (!boxes.length || !window.matchMedia) return;
  var phone = window.matchMedia("(max-width: 720px)");
  function apply() {
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].open = !phone.matches;
      boxes[i].classList.toggle("filter-box-folds", phone.matches);
    }
  }
  apply();
  if (phone.addEventListener) phone.addEventListener("change", apply);
})();
