// The portal's new-request form with files: files can be dropped on the field, and a form
// that carries files is sent with XMLHttpRequest so a progress bar shows the upload. The
// server's answer decides what comes next: the request is in (200 with its page's location)
// and the browser opens that page; a refusal (400) swaps in the form section it sent back, with
// its message. Without JavaScript the form posts as usual. No inline script: the CSP holds.
(function () {
  "use strict";

  function bind(input) {
    var form = input.form;
    var field = input.closest("[data-request-files-field]");
    if (!form || !field || field.hasAttribute("data-bound")) return;
    field.setAttribute("data-bound", "");
    var bar = field.querySelector("[data-request-progress]");
    var status = field.querySelector("[data-request-status]");

    ["dragenter", "dragover"].forEach(function (name) {
      field.addEventListener(name, function (e) {
        e.preventDefault();
        field.classList.add("dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      field.addEventListener(name, function () { field.classList.remove("dragover"); });
    });
    field.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files;
    });

    form.addEventListener("submit", function (e) {
      if (!input.files.length || !window.FormData) return; // nothing to upload: a plain post
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      bar.hidden = false;
      bar.value = 0;
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) {
          bar.value = Math.round((100 * ev.loaded) / ev.total);
          status.textContent = "Uploading… " + bar.value + "%";
        }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 200) {
          var next = null;
          try { next = JSON.parse(xhr.responseText).location; } catch (err) { next = null; }
          window.location.assign(next || xhr.responseURL || form.action);
          return;
        }
        var answer = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var section = form.closest("section");
        var fresh = section && section.id ? answer.getElementById(section.id) : null;
        if (fresh) {
          section.replaceWith(document.importNode(fresh, true));
          init();
        } else {
          status.textContent = "Sending failed (" + xhr.status + "). Please try again.";
          form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
        }
      });
      xhr.addEventListener("error", function () {
        status.textContent = "Network error: nothing was sent. Please try again.";
        bar.hidden = true;
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
      });
      xhr.send(new FormData(form));
    });
  }

  function init() {
    document.querySelectorAll("[data-request-files]").forEach(bind);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
