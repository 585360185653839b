// The progress bar of a batch job on the Import page ([data-batch-job]): moved by the
// live `batch_job.progress` events of that job (live.js), and by polling its API URL
// (data-job-url) every two seconds as a fallback. The page reloads once the job ends.
(function () {
  var box = document.querySelector("[data-batch-job]");
  if (!box) return;
  var id = box.dataset.batchJob;
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-job-label]");
  var finished = ["succeeded", "failed", "cancelled"];
  var done = false;

  function show(job) {
    if (done) return;
    bar.value = job.progress;
    label.textContent = job.status + (job.phase ? " · " + job.phase : "") + " · " +
      job.rows_done + " / " + job.rows_total + " rows · " + job.progress + "%";
    if (finished.indexOf(job.status) >= 0) {
      done = true;
      window.location.reload();
    }
  }

  document.addEventListener("live:event", function (e) {
    var evt = e.detail;
    if (evt.type === "batch_job.progress" && evt.data.object.id === id) show(evt.data.object);
  });

  function poll() {
    if (done) return;
    fetch(box.dataset.jobUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) { if (job) show(job); })
      .finally(function () { if (!done) setTimeout(poll, 2000); });
  }
  setTimeout(poll, 1000);

  var cancel = box.querySelector("[data-job-cancel]");
  if (cancel) {
    cancel.addEventListener("click", function () {
      var token = box.querySelector("input[name=csrfmiddlewaretoken]").value;
      cancel.disabled = true;
      fetch(box.dataset.cancelUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, Accept: "application/json" },
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (job) { if (job) show(job); });
    });
  }
})();
