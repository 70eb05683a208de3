// Quick exit: the link works on its own. This adds two things when JavaScript runs:
// pressing Escape twice leaves at once, and leaving replaces this page in the history
// so that Back does not return here.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.getAttribute("data-quick-exit") || link.href;
  function leave(event) {
    if (event) event.preventDefault();
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) leave(event);
    lastEscape = now;
  });
})();
