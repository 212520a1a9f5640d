"use strict";
// Runs before anything else on the page, so that an error while drawing is
// seen: by the reader as a notice, and by tests as body data-errors.
(function () {
  var pending = [];

  function show(message) {
    var body = document.body;
    body.dataset.errors = body.dataset.errors ? body.dataset.errors + "\n" + message : message;
    if (!document.getElementById("page-error")) {
      var notice = document.createElement("p");
      notice.id = "page-error";
      notice.className = "page-error";
      notice.setAttribute("role", "alert");
      notice.textContent = "Ett fel uppstod när sidan ritades. Ladda om sidan; hjälper det inte, kontakta förvaltningen.";
      body.insertBefore(notice, body.firstChild);
    }
  }

  function record(message) {
    if (document.body) {
      show(message);
    } else {
      pending.push(message);
    }
  }

  window.onerror = function (message, source, line, column) {
    record(String(message) + " (rad " + line + ":" + column + ")");
  };
  window.addEventListener("unhandledrejection", function (event) {
    record("Unhandled rejection: " + String(event.reason));
  });
  document.addEventListener("DOMContentLoaded", function () {
    pending.splice(0).forEach(show);
  });
})();
