// "Send code" is answered with this page itself (no redirect and second request): point the address
// bar back at the page, so a reload shows the page again instead of posting that form a second time.
// Without JavaScript the browser asks before posting again, and the server's cooldown refuses a
// second code inside it.
(function () {
  var main = document.querySelector('main[data-page]');
  var page = main ? main.getAttribute('data-page') : null;
  if (page && window.history && window.history.replaceState && window.location.pathname !== page) {
    window.history.replaceState(null, '', page);
  }
})();

// Progressive enhancement for the SMS step: disables "Send code" during the server-enforced
// cooldown and counts down. Without JavaScript the button stays enabled and the server refuses
// early presses with a message, so nothing depends on this file.
(function () {
  var button = document.getElementById('send-code');
  var note = document.getElementById('resend-wait');
  if (!button) { return; }
  var left = parseInt(button.getAttribute('data-wait-seconds') || '0', 10);
  if (!(left > 0)) { return; }
  var template = note ? note.getAttribute('data-template') : null;
  button.disabled = true;
  var timer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      clearInterval(timer);
      button.disabled = false;
      if (note) { note.hidden = true; }
      return;
    }
    if (note && template) { note.textContent = template.replace('{s}', String(left)); }
  }, 1000);
})();

// "Send by another route": the form is on the page but hidden while the message may still arrive.
// After the seconds the page names, ask the server (same origin, the session cookie) whether it is
// offered now and show it without a reload, so a half-typed code stays. Without JavaScript the
// page says to reload. The server decides every press itself; this only shows the button.
(function () {
  var form = document.getElementById('another-route');
  var note = document.getElementById('another-route-wait');
  if (!form || !form.hidden || !window.fetch) { return; }
  var url = form.getAttribute('data-status');
  var wait = parseInt(form.getAttribute('data-wait-seconds') || '0', 10);
  var checks = 0;
  function check() {
    checks += 1;
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' }, redirect: 'error' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        if (status.anotherRoute === 'available') {
          form.hidden = false;
          if (note) { note.hidden = true; }
        } else if (status.anotherRoute === 'waiting' && checks < 60) {
          later(status.seconds);
        } else if (note) {
          note.hidden = true;
        }
      })
      .catch(function () { /* signed out or offline: the page stays as it is */ });
  }
  function later(seconds) {
    // At the promised time, or every 5 s before it (a failed receipt may open it early).
    setTimeout(check, Math.min(Math.max(seconds, 1), 5) * 1000);
  }
  later(wait);
})();
