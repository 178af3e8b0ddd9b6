/* An old link to a comment (/ideas/8#comment-184) lands on the first page
   of a long debate; when that comment is on another page, its lasting
   address (/comments/184) takes the reader there. */
(function () {
  "use strict";
  var match = /^#comment-(\d+)$/.exec(window.location.hash);
  if (match && !document.getElementById("comment-" + match[1])) {
    window.location.replace("/comments/" + match[1]);
  }
})();
