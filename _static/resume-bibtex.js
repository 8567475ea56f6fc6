/* The Copy button of each BibTeX entry on the publications page.
 *
 * The buttons are hidden in the HTML: a reader without this script selects
 * the text instead.  Copies with the Clipboard API where the page may use it
 * (a secure context); elsewhere selects the entry and asks the browser to
 * copy the selection, and if that fails too, leaves the entry selected and
 * says how to copy it.  The status next to the button says what happened.
 */
(function () {
  "use strict";

  function select(entry) {
    var range = document.createRange();
    range.selectNodeContents(entry);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copySelected(entry) {
    select(entry);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function say(status, message) {
    status.textContent = message;
    window.clearTimeout(status.resumeTimer);
    status.resumeTimer = window.setTimeout(function () {
      status.textContent = "";
    }, 4000);
  }

  function copy(button, entry, status) {
    var text = entry.textContent;
    // The page's own words, in its language (bibtex.py).
    var copied = button.getAttribute("data-copied") || "Copied.";
    var selected =
      button.getAttribute("data-selected") || "Selected: press Ctrl+C (\u2318C on a Mac) to copy.";
    var fallback = function () {
      say(status, copySelected(entry) ? copied : selected);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(status, copied);
      }, fallback);
    } else {
      fallback();
    }
  }

  function setUp() {
    var disclosures = document.querySelectorAll("details.resume-bibtex");
    Array.prototype.forEach.call(disclosures, function (details) {
      var button = details.querySelector(".resume-bibtex-copy");
      var status = details.querySelector(".resume-bibtex-status");
      var entry = details.querySelector(".resume-bibtex-entry");
      if (!button || !status || !entry) {
        return;
      }
      button.addEventListener("click", function () {
        copy(button, entry, status);
      });
      button.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
