// Drag-and-drop uploads with a progress bar, and deletes, for every files section
// (files/_attachments.html). Plain JS, no inline script, no other host: the CSP holds.
// Events are delegated to the document, so sections swapped in by htmx work too.
(function () {
  "use strict";
  if (window.localbzzFiles) return;
  window.localbzzFiles = true;

  function zoneOf(el) { return el && el.closest ? el.closest("[data-upload-url]") : null; }

  function human(bytes) {
    var units = ["bytes", "KB", "MB", "GB"], i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
    return (i ? bytes.toFixed(1) : bytes) + " " + units[i];
  }

  function message(xhr) {
    try { return JSON.parse(xhr.responseText).error.message; } catch (e) { return "Upload failed (" + xhr.status + ")."; }
  }

  function refresh(zone) {
    var section = zone.closest("[data-live-types]");
    if (section && window.htmx) window.htmx.trigger(section, "live-refresh");
    else window.location.reload();
  }

  function upload(zone, file, done) {
    var list = zone.querySelector("[data-uploads]");
    var row = document.createElement("li");
    var name = document.createElement("span");
    var bar = document.createElement("progress");
    var status = document.createElement("span");
    name.textContent = file.name;
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Uploading " + file.name);
    status.className = "small muted";
    row.append(name, bar, status);
    list.appendChild(row);
    var limit = parseInt(zone.getAttribute("data-max-size"), 10);
    if (limit && file.size > limit) {
      status.textContent = "Too large (over " + human(limit) + ")";
      status.className = "small error";
      bar.remove();
      done(false);
      return;
    }
    var form = new FormData();
    form.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", zone.getAttribute("data-upload-url"));
    xhr.setRequestHeader("X-CSRFToken", zone.getAttribute("data-csrf") || "");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round((100 * e.loaded) / e.total);
        status.textContent = bar.value + "%";
      }
    });
    xhr.addEventListener("load", function () {
      var ok = xhr.status === 201;
      bar.value = ok ? 100 : bar.value;
      status.textContent = ok ? "Uploaded" : message(xhr);
      status.className = ok ? "small" : "small error";
      row.setAttribute("data-upload-state", ok ? "done" : "failed");
      done(ok);
    });
    xhr.addEventListener("error", function () {
      status.textContent = "Network error";
      status.className = "small error";
      done(false);
    });
    xhr.send(form);
  }

  function uploadAll(zone, files) {
    var pending = files.length, uploaded = 0;
    if (!pending) return;
    Array.prototype.forEach.call(files, function (file) {
      upload(zone, file, function (ok) {
        if (ok) uploaded++;
        pending--;
        if (!pending && uploaded) window.setTimeout(function () { refresh(zone); }, 400);
      });
    });
  }

  document.addEventListener("change", function (e) {
    var zone = zoneOf(e.target);
    if (zone && e.target.matches("[data-file-input]")) {
      uploadAll(zone, e.target.files);
      e.target.value = "";
    }
  });
  ["dragenter", "dragover"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var zone = zoneOf(e.target);
      if (!zone) return;
      e.preventDefault();
      zone.classList.add("is-over");
    });
  });
  document.addEventListener("dragleave", function (e) {
    var zone = zoneOf(e.target);
    if (zone && !zone.contains(e.relatedTarget)) zone.classList.remove("is-over");
  });
  document.addEventListener("drop", function (e) {
    var zone = zoneOf(e.target);
    if (!zone) return;
    e.preventDefault();
    zone.classList.remove("is-over");
    uploadAll(zone, e.dataTransfer.files);
  });
  document.addEventListener("click", function (e) {
    var pick = e.target.closest ? e.target.closest("[data-drive-file-url]") : null;
    if (!pick) return;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", pick.getAttribute("data-drive-file-url"));
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.setRequestHeader("X-CSRFToken", pick.getAttribute("data-csrf") || "");
    xhr.addEventListener("load", function () {
      if (xhr.status === 200) window.location.reload();
      else window.alert(message(xhr));
    });
    xhr.send(JSON.stringify({ file_id: pick.getAttribute("data-drive-file-id") }));
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("[data-delete-url]") : null;
    if (!button || !window.confirm("Delete this file?")) return;
    var xhr = new XMLHttpRequest();
    xhr.open("DELETE", button.getAttribute("data-delete-url"));
    xhr.setRequestHeader("X-CSRFToken", button.getAttribute("data-csrf") || "");
    xhr.addEventListener("load", function () {
      if (xhr.status === 204) {
        var item = button.closest("[data-attachment-id]");
        if (item) item.remove();
      } else {
        window.alert(message(xhr));
      }
    });
    xhr.send();
  });
})();
