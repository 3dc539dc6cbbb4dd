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
