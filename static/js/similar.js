/* While a citizen types an idea's title, ask which ideas look like it
   (progressive enhancement: without JavaScript the suggestions come with
   the preview). One request per pause in typing; a request still running
   when the title changes again is cancelled, so an old answer never
   replaces a newer one. */
(function () {
  "use strict";
  var box = document.getElementById("similar-ideas");
  var title = document.querySelector("input[name='title']");
  if (!box || !title || !window.fetch || !window.AbortController) return;
  var timer = null;
  var running = null;
  var asked = title.value.trim();
  function ask() {
    var text = title.value.trim();
    if (text === asked) return;
    asked = text;
    if (running) running.abort();
    if (text.length < 4) {
      box.innerHTML = "";
      return;
    }
    running = new AbortController();
    var url = box.getAttribute("data-similar") + "?title=" + encodeURIComponent(text);
    fetch(url, { signal: running.signal, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && title.value.trim() === text) box.innerHTML = html;
      })
      .catch(function () { /* cancelled, or offline: the preview still shows them */ });
  }
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
})();
