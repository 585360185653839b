// Comment threads (comments/_thread.html): posts through the API, then reloads the page so
// the thread shows as the server renders it. Plain JS, no inline script (the CSP holds).
(function () {
  "use strict";
  if (window.localbzzComments) return;
  window.localbzzComments = true;

  document.addEventListener("submit", function (e) {
    var form = e.target.closest && e.target.closest("[data-comment-form]");
    if (!form) return;
    e.preventDefault();
    var error = form.querySelector("[data-comment-error]");
    var checked = form.querySelector("[name=visibility]:checked") || form.querySelector("[name=visibility]");
    var body = { body: form.querySelector("[name=body]").value, visibility: checked ? checked.value : undefined };
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.getAttribute("data-post-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": form.getAttribute("data-csrf") || ""
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error((data.error && data.error.message) || "Could not post.");
        window.location.hash = "comments";
        window.location.reload();
      });
    }).catch(function (err) {
      error.textContent = err.message;
      error.hidden = false;
      button.disabled = false;
    });
  });
})();
