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
})();
