// The share row: "Copy the link" where the browser lets a page write to the
// clipboard, "Share…" where it has a share sheet (the Web Share API). Without
// JavaScript the link is still there to select, and the mail link works.
(function () {
  "use strict";
  document.querySelectorAll(".share-row").forEach(function (row) {
    var copy = row.querySelector("[data-share-copy]");
    var native = row.querySelector("[data-share-native]");
    var done = row.querySelector("[data-share-done]");
    var url = row.getAttribute("data-share-url");
    var title = row.getAttribute("data-share-title");
    if (navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          // Emptied first, so that a second copy is announced again.
          done.textContent = "";
          window.setTimeout(function () {
            done.textContent = done.getAttribute("data-message");
          }, 50);
        });
      });
    }
    if (navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
    row.querySelector("#share-url").addEventListener("focus", function (event) {
      event.target.select();
    });
  });
})();
