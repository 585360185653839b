// The producer's day (issue 12, part B): confirm surprising board moves, searchable
// multi-selects, add-row formsets. Progressive: without JS every form still posts.
(function () {
  "use strict";

  // --- a board move the server wants confirmed (HX-Trigger: lbz-confirm-move) ---------------
  function confirmDialog(question, yes, onYes, onNo) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-move";
    dialog.setAttribute("aria-labelledby", "confirm-move-q");
    var p = document.createElement("p");
    p.id = "confirm-move-q";
    p.textContent = question;
    var actions = document.createElement("div");
    actions.className = "actions";
    var ok = document.createElement("button");
    ok.type = "button"; ok.className = "btn btn-primary"; ok.textContent = yes;
    var cancel = document.createElement("button");
    cancel.type = "button"; cancel.className = "btn btn-ghost"; cancel.textContent = "Cancel";
    actions.append(ok, cancel);
    dialog.append(p, actions);
    document.body.appendChild(dialog);
    var answered = false;
    function close(fn) {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      fn();
    }
    ok.addEventListener("click", function () { close(onYes); });
    cancel.addEventListener("click", function () { close(onNo); });
    dialog.addEventListener("cancel", function (e) { e.preventDefault(); close(onNo); });
    dialog.showModal();
    cancel.focus();  // the safe answer has the focus
  }

  document.addEventListener("lbz-confirm-move", function (e) {
    var d = e.detail || {};
    var card = document.getElementById(d.card);
    var form = card && card.querySelector("form.kcard-move");
    if (!form || !window.htmx) return;
    var select = form.querySelector("[name=status]");
    confirmDialog(d.question, "Move it to " + d.status, function () {
      window.htmx.ajax("POST", form.getAttribute("hx-post"), {
        source: form, swap: "none", values: { status: d.status, confirm: "yes" }
      });
    }, function () {
      if (select) select.value = card.dataset.status;  // the card stays where it was
    });
  });

  // --- searchable multi-selects: <select multiple data-searchable> -----------------------
  // The select stays in the form (hidden) and is the value; people tick names in a list
  // they can filter by typing, instead of Ctrl-clicking.
  var uid = 0;
  function enhanceMultiSelect(select) {
    if (select.dataset.enhanced) return;
    select.dataset.enhanced = "1";
    uid += 1;
    var label = document.querySelector('label[for="' + select.id + '"]');
    var name = label ? label.textContent.trim() : "options";
    var box = document.createElement("div");
    box.className = "ms";
    var search = document.createElement("input");
    search.type = "search";
    search.className = "ms-search";
    search.placeholder = "Type to find…";
    search.setAttribute("aria-label", "Find " + name);
    search.setAttribute("aria-controls", "ms-list-" + uid);
    var summary = document.createElement("p");
    summary.className = "ms-summary small";
    summary.setAttribute("aria-live", "polite");
    var list = document.createElement("ul");
    list.className = "ms-list";
    list.id = "ms-list-" + uid;
    list.setAttribute("aria-label", name);
    Array.prototype.forEach.call(select.options, function (option, i) {
      var li = document.createElement("li");
      var id = "ms-" + uid + "-" + i;
      var box2 = document.createElement("input");
      box2.type = "checkbox";
      box2.id = id;
      box2.checked = option.selected;
      box2.addEventListener("change", function () {
        option.selected = box2.checked;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        update();
      });
      var text = document.createElement("label");
      text.htmlFor = id;
      text.textContent = option.textContent;
      li.append(box2, text);
      li.dataset.text = option.textContent.toLowerCase();
      list.appendChild(li);
    });
    function update() {
      var chosen = Array.prototype.filter.call(select.options, function (o) { return o.selected; })
        .map(function (o) { return o.textContent; });
      summary.textContent = chosen.length ? chosen.length + " chosen: " + chosen.join(", ") : "None chosen";
    }
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      Array.prototype.forEach.call(list.children, function (li) {
        li.hidden = q !== "" && li.dataset.text.indexOf(q) === -1;
      });
    });
    search.addEventListener("keydown", function (e) {  // Enter ticks the only match
      if (e.key !== "Enter") return;
      e.preventDefault();
      var shown = Array.prototype.filter.call(list.children, function (li) { return !li.hidden; });
      if (shown.length === 1) { shown[0].querySelector("input").click(); search.select(); }
    });
    box.append(search, summary, list);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.after(box);
    if (label) label.htmlFor = search.id = "ms-search-" + uid;
    update();
  }

  // --- dependent selects: <select data-depends-on="client" data-options-url="...{value}"> --
  // Choosing the client reloads the shoot and deliverable options from the API (the same
  // filters and permissions as everywhere), keeping the choice when it still fits.
  function optionLabel(kind, row) {
    if (kind === "shoot") {
      var when = row.shoot_start ? new Date(row.shoot_start).toLocaleString([], {
        weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
      }) : "unscheduled";
      return (row.title || "Shoot") + " · " + when;
    }
    return row.title || row.name || String(row.id);
  }

  function wireDependent(select) {
    if (select.dataset.wired) return;
    select.dataset.wired = "1";
    var form = select.form;
    var parent = form && form.elements[select.dataset.dependsOn];
    if (!parent) return;
    parent.addEventListener("change", function () {
      var value = parent.value;
      var keep = select.value;
      var empty = select.querySelector('option[value=""]');
      select.replaceChildren(empty || new Option("---------", ""));
      if (!value) return;
      select.setAttribute("aria-busy", "true");
      fetch(select.dataset.optionsUrl.replace("{value}", encodeURIComponent(value)), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (r) { return r.ok ? r.json() : { results: [] }; }).then(function (body) {
        (body.results || body).forEach(function (row) {
          var option = new Option(optionLabel(select.dataset.optionKind, row), row.id);
          option.selected = String(row.id) === keep;
          select.appendChild(option);
        });
      }).finally(function () { select.removeAttribute("aria-busy"); });
    });
  }

  // --- add-row formsets: <fieldset data-formset> with rows and a management form ----------
  function wireFormset(fieldset) {
    if (fieldset.dataset.wired) return;
    fieldset.dataset.wired = "1";
    var total = fieldset.querySelector('input[name$="-TOTAL_FORMS"]');
    var max = fieldset.querySelector('input[name$="-MAX_NUM_FORMS"]');
    var rows = fieldset.querySelectorAll(".crew-row, [data-formset-row]");
    if (!total || !rows.length) return;
    var prefix = total.name.replace(/-TOTAL_FORMS$/, "");
    var pattern = new RegExp("^(id_)?" + prefix + "-\\d+-");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm";
    button.textContent = "+ " + (fieldset.dataset.addLabel || "Add a row");
    button.dataset.formsetAdd = "";
    fieldset.querySelectorAll("[data-no-js-only]").forEach(function (el) { el.hidden = true; });
    button.addEventListener("click", function () {
      var n = parseInt(total.value, 10);
      if (max && n >= parseInt(max.value, 10)) { button.disabled = true; return; }
      var last = fieldset.querySelectorAll(".crew-row, [data-formset-row]");
      var row = last[last.length - 1].cloneNode(true);
      row.querySelectorAll("[name], [id], label[for]").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v && pattern.test(v)) el.setAttribute(attr, v.replace(pattern, function (m, id) {
            return (id || "") + prefix + "-" + n + "-";
          }));
        });
        if (el.tagName === "SELECT") el.selectedIndex = 0;
        else if (el.tagName === "INPUT" && el.type !== "hidden") el.value = "";
      });
      row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
      last[last.length - 1].after(row);
      total.value = n + 1;
      var first = row.querySelector("select, input");
      if (first) first.focus();
      if (max && n + 1 >= parseInt(max.value, 10)) button.disabled = true;
    });
    rows[rows.length - 1].parentNode.insertBefore(button, fieldset.querySelector(".help"));
  }

  // --- the preview follows the files: a re-rendered files section refreshes it too ----------
  document.addEventListener("htmx:afterSettle", function (e) {
    var t = e.target;
    if (!t || !t.matches || !t.matches("section.attachments") || !window.htmx) return;
    document.querySelectorAll("section.preview[data-live-types]").forEach(function (el) {
      window.htmx.trigger(el, "live-refresh");
    });
  });

  function enhance(root) {
    root.querySelectorAll("select[multiple][data-searchable]").forEach(enhanceMultiSelect);
    root.querySelectorAll("select[data-depends-on]").forEach(wireDependent);
    root.querySelectorAll("fieldset[data-formset]").forEach(wireFormset);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
