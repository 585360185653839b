// Staff dashboard behaviour: board drag and drop, confirmations, keyboard shortcuts.
// Everything here is progressive: without JS, every action is a plain form POST.
(function () {
  "use strict";

  // "/" focuses the search box.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (/INPUT|TEXTAREA|SELECT/.test(tag)) return;
    var box = document.querySelector("[data-hotkey='/']");
    if (box) { e.preventDefault(); box.focus(); }
  });

  // Phone menu (#nav-toggle holds its state): Escape and a tap outside the menu close it.
  function closeMenu(focusToggle) {
    var toggle = document.getElementById("nav-toggle");
    if (!toggle || !toggle.checked) return false;
    toggle.checked = false;
    if (focusToggle) toggle.focus();
    return true;
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && closeMenu(true)) e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!t.closest || t.closest("#sidebar, .nav-toggle-btn, #nav-toggle, .nav-scrim")) return;
    closeMenu(false);
  });

  // Forms marked data-confirm ask first, in a <dialog>.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-confirm]") || form.dataset.confirmed) return;
    e.preventDefault();
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "confirm-dialog";
      dialog.innerHTML = '<form method="dialog"><p class="confirm-text"></p>' +
        '<div class="actions"><button value="yes" class="btn btn-danger">Yes, go on</button>' +
        '<button value="no" class="btn btn-ghost">Cancel</button></div></form>';
      document.body.appendChild(dialog);
    }
    dialog.querySelector(".confirm-text").textContent = form.dataset.confirm;
    dialog.onclose = function () {
      if (dialog.returnValue === "yes") {
        form.dataset.confirmed = "1";
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
        delete form.dataset.confirmed;
      }
    };
    dialog.showModal();
  }, true);

  // Board: drag a card onto a column; the card's own move form does the POST.
  var dragged = null;
  document.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".kcard[draggable]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", card.id);
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
  });
  document.addEventListener("dragover", function (e) {
    var col = e.target.closest && e.target.closest(".column[data-status]");
    if (!col || !dragged) return;
    e.preventDefault();
    col.classList.add("drop-target");
  });
  document.addEventListener("dragleave", function (e) {
    var col = e.target.closest && e.target.closest(".column[data-status]");
    if (col && !col.contains(e.relatedTarget)) col.classList.remove("drop-target");
  });
  document.addEventListener("drop", function (e) {
    var col = e.target.closest && e.target.closest(".column[data-status]");
    if (!col || !dragged) return;
    e.preventDefault();
    col.classList.remove("drop-target");
    var form = dragged.querySelector("form.kcard-move");
    if (!form || col.dataset.status === dragged.dataset.status) return;
    form.querySelector("[name=status]").value = col.dataset.status;
    form.dataset.byDrag = "1";
    col.querySelector(".column-body").appendChild(dragged);
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });

  // Selects marked data-autosubmit submit their form on change (the button stays for no-JS).
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("select[data-autosubmit]")) {
      var form = e.target.form;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });

  // Keyboard moves: after the columns are re-rendered, focus goes back to the moved card.
  var movedCard = null;
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches && form.matches("form.kcard-move")) {
      // Only keyboard and button moves take focus back; a drag leaves it where it is.
      var card = form.dataset.byDrag ? null : form.closest(".kcard");
      delete form.dataset.byDrag;
      movedCard = card ? card.id : null;
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!movedCard) return;
    var id = movedCard;
    // The request's own element can settle before its out-of-band column swaps do: focus the
    // card once every swap of this turn has landed, so focus is not left on a replaced node.
    setTimeout(function () {
      var card = document.getElementById(id);
      var select = card && card.querySelector("select");
      if (select) select.focus();
      if (movedCard === id) movedCard = null;
    }, 60);
  });

  // A failed htmx request says so instead of failing silently.
  document.addEventListener("htmx:responseError", function (e) {
    var text = (e.detail.xhr && e.detail.xhr.responseText) || "The change was refused.";
    window.alert(text.replace(/<[^>]+>/g, "").trim().slice(0, 300));
    window.location.reload();
  });
})();
