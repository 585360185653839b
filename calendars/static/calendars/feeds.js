// Calendar feeds panel (calendars/_feed_panel.html): make, renew and remove feeds through
// /api/calendar-feeds. Plain JS, no inline script, nothing from another host (the CSP holds).
(function () {
  "use strict";
  if (window.localbzzFeeds) return;
  window.localbzzFeeds = true;

  function call(panel, method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": panel.getAttribute("data-csrf") || ""
      },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      if (response.status === 204) return {};
      return response.json().then(function (data) {
        if (!response.ok) throw new Error((data.error && data.error.message) || "Failed.");
        return data;
      });
    });
  }

  function showError(panel, message) {
    var box = panel.querySelector("[data-feed-error]");
    box.textContent = message || "";
    box.hidden = !message;
  }

  function showSecret(panel, url) {
    var box = panel.querySelector("[data-feed-secret]");
    var input = box.querySelector("[data-feed-url]");
    input.value = url;
    box.hidden = false;
    input.focus();
    input.select();
  }

  function label(panel, feed) {
    if (feed.scope === "me") return "My shoots and due dates";
    if (feed.scope === "agency") return "The whole agency";
    var select = panel.querySelector("[data-client]");
    if (select) {
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === feed.client_id) return select.options[i].textContent;
      }
    }
    return "My business";
  }

  function row(panel, feed) {
    var li = document.createElement("li");
    li.className = "feed";
    li.setAttribute("data-feed-id", feed.id);
    var name = document.createElement("span");
    name.className = "feed-name";
    name.textContent = label(panel, feed);
    var meta = document.createElement("span");
    meta.className = "small muted";
    meta.textContent = "…" + feed.token_prefix + " · made just now";
    var rotate = document.createElement("button");
    rotate.type = "button"; rotate.className = "btn btn-sm"; rotate.textContent = "Renew address";
    rotate.setAttribute("data-feed-rotate", "");
    var revoke = document.createElement("button");
    revoke.type = "button"; revoke.className = "btn btn-ghost btn-sm"; revoke.textContent = "Remove";
    revoke.setAttribute("data-feed-revoke", "");
    li.append(name, " ", meta, " ", rotate, " ", revoke);
    return li;
  }

  document.addEventListener("change", function (e) {
    var scope = e.target.closest && e.target.closest("[data-scope]");
    if (!scope) return;
    var field = scope.closest("[data-feeds-url]").querySelector("[data-client-field]");
    if (field) field.hidden = scope.value !== "client";
  });

  document.addEventListener("submit", function (e) {
    var form = e.target.closest && e.target.closest("[data-feed-create]");
    if (!form) return;
    e.preventDefault();
    var panel = form.closest("[data-feeds-url]");
    var body = { scope: form.querySelector("[data-scope]").value };
    var client = form.querySelector("[data-client]");
    if (body.scope === "client" && client) body.client_id = client.value;
    call(panel, "POST", panel.getAttribute("data-feeds-url"), body).then(function (feed) {
      showError(panel, "");
      var list = panel.querySelector("[data-feed-list]");
      var empty = list.querySelector("[data-no-feeds]");
      if (empty) empty.remove();
      list.prepend(row(panel, feed));
      showSecret(panel, feed.url);
    }).catch(function (err) { showError(panel, err.message); });
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-feed-rotate],[data-feed-revoke]");
    if (!button) return;
    var panel = button.closest("[data-feeds-url]");
    var li = button.closest("[data-feed-id]");
    var url = panel.getAttribute("data-feeds-url").replace(/\/?$/, "/") + li.getAttribute("data-feed-id");
    if (button.hasAttribute("data-feed-rotate")) {
      call(panel, "POST", url + "/rotate", null).then(function (feed) {
        showError(panel, "");
        showSecret(panel, feed.url);
      }).catch(function (err) { showError(panel, err.message); });
    } else {
      call(panel, "DELETE", url, null).then(function () {
        showError(panel, "");
        li.remove();
      }).catch(function (err) { showError(panel, err.message); });
    }
  });
})();
