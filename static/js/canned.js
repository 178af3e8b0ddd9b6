/* A standard reason picked from the list is copied into the reason field,
   in the author's language, to be edited before it is sent (progressive
   enhancement: without JavaScript the picked reason is sent as it is when
   the field is left empty). A reason the moderator wrote is not replaced. */
(function () {
  "use strict";
  var select = document.getElementById("canned");
  var reason = document.getElementById("reason");
  if (!select || !reason) return;
  var copied = "";
  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    var text = option ? option.getAttribute("data-text") : null;
    if (text === null || (reason.value && reason.value !== copied)) return;
    reason.value = copied = text;
  });
})();
