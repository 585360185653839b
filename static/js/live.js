// Live updates over /ws/live/ (owned by the events app).
//
// Connects to body[data-live-url] (ws: or wss: like the page), reconnects with backoff,
// remembers the last event id and, after a reconnect, catches up from
// GET body[data-events-url]?after=<id>. Each event is dispatched as a `live:event` DOM event;
// every element whose data-live-types matches the type ("task.assigned", "task.*", "*")
// gets htmx's "live-refresh" trigger (the page's hx-get re-renders it). The notification
// bell ([data-bell]) is refreshed from its data-notifications-url.
(function () {
  "use strict";

  // The notification preferences partial saves through htmx (hx-swap="none"): say so.
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.target && e.target.closest && e.target.closest(".notification-preferences");
    if (!form) return;
    var status = form.querySelector("[data-saved]");
    if (status) status.textContent = e.detail.successful ? "Saved." : "Could not save.";
  });

  var body = document.body;
  if (!body || !body.dataset.liveUrl || !("WebSocket" in window)) return;

  var eventsUrl = body.dataset.eventsUrl || "/api/events";
  var STORE_KEY = "localbzz:live:last";
  var seen = new Set();
  var lastId = null;
  var attempt = 0;
  var socket = null;
  var pendingTypes = new Set();
  var flushTimer = null;
  var bellTimer = null;

  try {
    lastId = window.sessionStorage.getItem(STORE_KEY);
  } catch (e) {
    lastId = null;
  }

  function setState(state) {
    body.dataset.liveState = state;
  }

  function remember(id) {
    lastId = id;
    try {
      window.sessionStorage.setItem(STORE_KEY, id);
    } catch (e) {
      /* private mode: memory only */
    }
  }

  function socketUrl() {
    var url = new URL(body.dataset.liveUrl, window.location.href);
    url.protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
    return url.toString();
  }

  function matches(patterns, type) {
    return patterns.split(/\s+/).some(function (p) {
      if (!p) return false;
      if (p === "*" || p === type) return true;
      return p.slice(-2) === ".*" && type.indexOf(p.slice(0, -1)) === 0;
    });
  }

  function flush() {
    flushTimer = null;
    var types = Array.from(pendingTypes);
    pendingTypes.clear();
    document.querySelectorAll("[data-live-types]").forEach(function (el) {
      var patterns = el.getAttribute("data-live-types") || "";
      var hit = types.some(function (t) {
        return matches(patterns, t);
      });
      if (hit && window.htmx) window.htmx.trigger(el, "live-refresh");
    });
  }

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function renderBell(bell, data) {
    var count = bell.querySelector("[data-bell-count]");
    if (count) {
      count.textContent = String(data.unread || 0);
      count.hidden = !data.unread;
      // .badge sets display, which would beat the hidden attribute
      count.style.display = data.unread ? "" : "none";
    }
    var list = bell.querySelector("[data-bell-list]");
    if (!list || !data.results) return;
    list.textContent = "";
    if (!data.results.length) {
      var empty = document.createElement("li");
      empty.className = "muted";
      empty.textContent = "No notifications.";
      list.appendChild(empty);
    }
    data.results.forEach(function (n) {
      var li = document.createElement("li");
      li.style.padding = ".3rem 0";
      if (!n.read_at) li.style.fontWeight = "600";
      var node = li;
      if (n.url) {
        node = document.createElement("a");
        node.href = n.url;
        li.appendChild(node);
      }
      node.textContent = n.title;
      list.appendChild(li);
    });
  }

  function refreshBells() {
    bellTimer = null;
    document.querySelectorAll("[data-bell]").forEach(function (bell) {
      var url = bell.dataset.notificationsUrl;
      if (!url) return;
      fetch(url + "?page_size=5", {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (data) {
          if (data) renderBell(bell, data);
        })
        .catch(function () {});
    });
  }

  function handle(evt) {
    if (!evt || !evt.id || !evt.type) return;
    if (seen.has(evt.id)) return;
    seen.add(evt.id);
    remember(evt.id);
    document.dispatchEvent(new CustomEvent("live:event", { detail: evt }));
    pendingTypes.add(evt.type);
    // Several events in a burst refresh each element once.
    if (!flushTimer) flushTimer = setTimeout(flush, 100);
    if (!bellTimer) bellTimer = setTimeout(refreshBells, 300);
  }

  function catchUp(url, pages) {
    if (!url || pages <= 0) return Promise.resolve();
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (r.status === 400) {
          // The remembered event is unknown here: refresh everything instead.
          pendingTypes.add("*");
          document.querySelectorAll("[data-live-types]").forEach(function (el) {
            if (window.htmx) window.htmx.trigger(el, "live-refresh");
          });
          return null;
        }
        return r.ok ? r.json() : null;
      })
      .then(function (data) {
        if (!data) return;
        (data.results || []).forEach(handle);
        return catchUp(data.next, pages - 1);
      })
      .catch(function () {});
  }

  function connect() {
    setState("connecting");
    socket = new WebSocket(socketUrl());
    socket.addEventListener("open", function () {
      var reconnect = attempt > 0 || body.dataset.liveConnected === "1";
      attempt = 0;
      body.dataset.liveConnected = "1";
      setState("open");
      if (lastId && reconnect) {
        catchUp(eventsUrl + "?after=" + encodeURIComponent(lastId) + "&page_size=200", 10);
      } else if (!reconnect && body.dataset.renderedAt) {
        // What changed between the server rendering this page and the socket opening.
        catchUp(
          eventsUrl + "?since=" + encodeURIComponent(body.dataset.renderedAt) + "&page_size=200",
          10
        );
      }
    });
    socket.addEventListener("message", function (msg) {
      var data;
      try {
        data = JSON.parse(msg.data);
      } catch (e) {
        return;
      }
      if (data && data.type === "notifications") {
        // my notifications changed (they follow the live message): refresh the bell
        if (!bellTimer) bellTimer = setTimeout(refreshBells, 50);
        return;
      }
      handle(data);
    });
    socket.addEventListener("close", function () {
      setState("closed");
      attempt += 1;
      // 0.5 s, 1 s, 2 s ... up to 30 s, with jitter so many tabs do not reconnect together.
      var delay = Math.min(30000, 500 * Math.pow(2, attempt - 1));
      setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
    });
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-bell-mark-read]");
    if (!button) return;
    var bell = button.closest("[data-bell]");
    fetch(bell.dataset.markReadUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/json" },
      body: "{}",
    }).then(refreshBells);
  });

  window.LocalBzzLive = {
    lastId: function () {
      return lastId;
    },
    matches: matches,
  };
  connect();
})();
