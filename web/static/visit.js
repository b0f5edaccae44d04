/* The visit page on the care worker's phone: what is typed is kept in
 * localStorage while the page is open, and a form sent without a network
 * waits in a queue (with a visible state) and is sent when the connection
 * is back. Every submission gets its own client id, so a form sent twice
 * is stored once by the server. No inline script (CSP default-src 'self'). */
(function () {
  'use strict';
  var QUEUE = 'omsorg-queue';
  var status = document.getElementById('offline-status');
  var forms = document.querySelectorAll('form[data-offline]');

  function draftKey(form) { return 'omsorg-draft:' + form.getAttribute('action'); }

  function load(key, fallback) {
    try { var v = JSON.parse(window.localStorage.getItem(key)); return v === null ? fallback : v; }
    catch (e) { return fallback; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or off */ }
  }

  function show(text) {
    if (!status) return;
    status.textContent = text;
    status.hidden = !text;
  }

  function newId() {
    var a = new Uint8Array(16);
    window.crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  /* Save what is typed (not the hidden fields) as a draft. */
  function saveDraft(form) {
    var draft = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === 'hidden' || el.type === 'submit') return;
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) draft[el.name + '=' + el.value] = true;
      } else {
        draft[el.name] = el.value;
      }
    });
    store(draftKey(form), draft);
  }

  function restoreDraft(form) {
    var draft = load(draftKey(form), null);
    if (!draft) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === 'hidden' || el.type === 'submit') return;
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = !!draft[el.name + '=' + el.value];
      } else if (typeof draft[el.name] === 'string' && !el.value) {
        el.value = draft[el.name];
      }
    });
  }

  function send(item) {
    return window.fetch(item.action, {
      method: 'POST', credentials: 'same-origin', body: item.body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }

  /* Send what waits in the queue, oldest first; stop at the first failure. */
  function flush() {
    var queue = load(QUEUE, []);
    if (!queue.length) return;
    show('Sender …');
    send(queue[0]).then(function (res) {
      queue.shift();
      store(QUEUE, queue);
      return res.text().then(function () { /* read it all before leaving the page */
        if (queue.length) return flush();
        show('Sendt.');
        if (res.ok && res.url) window.location.assign(res.url);
      });
    }, function () {
      show('Ikke sendt – sendes, når der er forbindelse igen');
    });
  }

  Array.prototype.forEach.call(forms, function (form) {
    restoreDraft(form);
    form.addEventListener('input', function () { saveDraft(form); });
    form.addEventListener('change', function () { saveDraft(form); });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (form.elements.client_id) form.elements.client_id.value = newId();
      if (form.elements.at) form.elements.at.value = new Date().toISOString().slice(0, 19) + 'Z';
      var data = new FormData(form);
      if (ev.submitter && ev.submitter.name) data.append(ev.submitter.name, ev.submitter.value);
      var item = { action: form.getAttribute('action'), body: new URLSearchParams(data).toString() };
      send(item).then(function (res) {
        window.localStorage.removeItem(draftKey(form));
        if (res.status === 422) { /* refused: show the server's page with the errors */
          return res.text().then(function (html) {
            document.open(); document.write(html); document.close();
          });
        }
        return res.text().then(function () { /* read it all before leaving the page */
          window.location.assign(res.url || window.location.href);
        });
      }, function () {
        var queue = load(QUEUE, []);
        queue.push(item);
        store(QUEUE, queue);
        window.localStorage.removeItem(draftKey(form));
        show('Ikke sendt – sendes, når der er forbindelse igen');
      });
    });
  });

  window.addEventListener('online', flush);
  if (load(QUEUE, []).length) {
    if (navigator.onLine) flush();
    else show('Ikke sendt – sendes, når der er forbindelse igen');
  }
})();
