// Global search in the top bar (dashboard/search.py): "/" focuses it (dashboard.js), typing
// shows grouped suggestions, ArrowUp/ArrowDown move through them, Enter opens the active one
// (or the full results page), Escape closes the list. Without JS the form opens /search/.
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var input = form.querySelector("[role=combobox]");
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var timer = null;
  var asked = 0;

  function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }
  function active() { return list.querySelector("[role=option][aria-selected=true]"); }

  function open(show) {
    list.hidden = !show;
    input.setAttribute("aria-expanded", show ? "true" : "false");
    if (!show) input.removeAttribute("aria-activedescendant");
  }

  function select(option) {
    options().forEach(function (o) { o.setAttribute("aria-selected", o === option ? "true" : "false"); });
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (!q) { list.innerHTML = ""; open(false); return; }
    var mine = ++asked;
    fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(q), {
      credentials: "same-origin", headers: { "Accept": "text/html" }
    }).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      if (mine !== asked) return; // an older answer arriving late
      list.innerHTML = html;
      open(options().length > 0 && document.activeElement === input);
      var first = options()[0];
      select(first && first.id !== "sg-all" ? first : null);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (e) {
    var all = options();
    var index = all.indexOf(active());
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) { if (all.length) open(true); else return; }
      e.preventDefault();
      var step = e.key === "ArrowDown" ? 1 : -1;
      var next = index === -1 ? (step > 0 ? 0 : all.length - 1) : (index + step + all.length) % all.length;
      select(all[next]);
    } else if (e.key === "Enter") {
      var current = !list.hidden && active();
      if (current) { e.preventDefault(); window.location.href = current.dataset.href; }
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); e.stopPropagation(); open(false); }
      else if (input.value) { input.value = ""; }
    }
  });

  list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the box
  list.addEventListener("click", function (e) {
    var option = e.target.closest("[role=option]");
    if (option) window.location.href = option.dataset.href;
  });
  input.addEventListener("blur", function () { setTimeout(function () { open(false); }, 100); });
  input.addEventListener("focus", function () { if (options().length && input.value.trim()) open(true); });
})();
