// Passkeys need the browser's WebAuthn API, which only a script can call; this file is the whole
// client side (no inline script: the CSP forbids it). "Add a passkey" on /account/passkeys uses
// Spring Security's /webauthn/register/options and /webauthn/register; "Use a passkey" on
// /mfa/passkey uses our /mfa/passkey/options and /mfa/passkey. Binary fields travel as base64url.
(function () {
  'use strict';

  function decode(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function encode(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return window.btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function post(form, url, body) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    headers[form.getAttribute('data-csrf-header')] = form.getAttribute('data-csrf-token');
    return fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    });
  }

  function showError(error) {
    var box = document.getElementById('passkey-error');
    if (box) { box.hidden = false; }
    if (window.console) { console.error(error); }
  }

  function descriptors(list) {
    return (list || []).map(function (c) { return Object.assign({}, c, { id: decode(c.id) }); });
  }

  var add = document.getElementById('add-passkey');
  if (add) {
    add.addEventListener('submit', function (event) {
      event.preventDefault();
      var name = document.getElementById('passkey-name').value.trim() || add.getAttribute('data-default-name');
      post(add, '/webauthn/register/options').then(function (options) {
        var publicKey = Object.assign({}, options, {
          challenge: decode(options.challenge),
          user: Object.assign({}, options.user, { id: decode(options.user.id) }),
          excludeCredentials: descriptors(options.excludeCredentials)
        });
        return navigator.credentials.create({ publicKey: publicKey });
      }).then(function (credential) {
        var response = credential.response;
        return post(add, '/webauthn/register', { publicKey: { label: name, credential: {
          id: credential.id,
          rawId: encode(credential.rawId),
          response: {
            attestationObject: encode(response.attestationObject),
            clientDataJSON: encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : []
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        } } });
      }).then(function (result) {
        if (!result || !result.success) { throw new Error('not registered'); }
        window.location.assign('/account/passkeys');
      }).catch(showError);
    });
  }

  var use = document.getElementById('use-passkey');
  if (use) {
    use.addEventListener('submit', function (event) {
      event.preventDefault();
      post(use, '/mfa/passkey/options').then(function (options) {
        var publicKey = Object.assign({}, options, {
          challenge: decode(options.challenge),
          allowCredentials: descriptors(options.allowCredentials)
        });
        return navigator.credentials.get({ publicKey: publicKey });
      }).then(function (credential) {
        var response = credential.response;
        return post(use, '/mfa/passkey', {
          id: credential.id,
          rawId: encode(credential.rawId),
          response: {
            authenticatorData: encode(response.authenticatorData),
            clientDataJSON: encode(response.clientDataJSON),
            signature: encode(response.signature),
            userHandle: response.userHandle ? encode(response.userHandle) : undefined
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        });
      }).then(function (result) {
        if (!result || !result.verified) { throw new Error('not verified'); }
        window.location.assign(result.redirectUrl);
      }).catch(showError);
    });
  }
})();
