/* On a phone the list's filters fold into their "Filter and sort"
   disclosure; on a wide screen they stay open (progressive enhancement:
   without JavaScript they are simply shown). */
(function () {
  "use strict";
  var box = document.querySelector(".filter-box");
  if (!box || !window.matchMedia) return;
  var phone = window.matchMedia("(max-width: 720px)");
  function apply() {
    box.open = !phone.matches;
    box.classList.toggle("filter-box-folds", phone.matches);
  }
  apply();
  if (phone.addEventListener) phone.addEventListener("change", apply);
})();
