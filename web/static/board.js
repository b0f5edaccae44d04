/* The planner's board: move a visit by dragging it, or with the keyboard.
 * Without this script every block is a link to its move form; with it, the
 * same move goes to PUT /api/v1/plan/visits/{id}, which runs the same check
 * and answers with the same Danish reason when the move would break the
 * plan. After a move the page is reloaded and the moved visit focused. */
(function () {
  'use strict';
  var board = document.querySelector('.omsorg-plan-board');
  if (!board) return;
  var status = document.getElementById('board-status');
  var csrf = document.querySelector('input[name="csrf"]');
  var FROM = 360, SPAN = 1080, STEP = 5;
  var moving = null; /* {block, carer, start, origin: {lane, classes}} */

  function hhmm(m) {
    var h = Math.floor(m / 60), mm = m % 60;
    return (h < 10 ? '0' : '') + h + ':' + (mm < 10 ? '0' : '') + mm;
  }
  function rowOf(el) { return el && el.closest ? el.closest('.omsorg-row') : null; }
  function nameOf(row) {
    var n = row.querySelector('.omsorg-row-name');
    return n ? n.firstChild.textContent.trim() : '';
  }
  function say(text) { if (status) status.textContent = text; }
  function place(block, start) {
    var s = Math.round((start - FROM) / STEP);
    block.className = block.className.replace(/\bb-s\d+\b/, 'b-s' + Math.max(0, Math.min(215, s)));
  }
  function showError(text) {
    var box = document.getElementById('board-error');
    if (!box) {
      box = document.createElement('div');
      box.id = 'board-error';
      box.className = 'alert alert-error';
      box.setAttribute('role', 'alert');
      box.innerHTML = '<div class="alert-body"><p class="alert-text"></p></div>';
      board.insertBefore(box, board.querySelector('.omsorg-axis'));
    }
    box.querySelector('.alert-text').textContent = text;
  }

  function begin(block) {
    var row = rowOf(block);
    moving = {
      block: block, row: row, carer: Number(block.dataset.carer), start: Number(block.dataset.start),
      origin: { lane: block.parentNode, next: block.nextSibling, classes: block.className }
    };
    block.classList.add('is-moving');
  }
  function cancel() {
    if (!moving) return;
    var m = moving;
    moving = null;
    m.block.className = m.origin.classes;
    m.origin.lane.insertBefore(m.block, m.origin.next);
    m.block.focus();
    say('Flytningen er fortrudt.');
  }
  function describe() {
    say('Besøget kl. ' + hhmm(moving.start) + ' hos ' + nameOf(moving.row) +
        '. Tryk Enter for at flytte, Escape for at fortryde.');
  }
  function moveTo(row, start) {
    moving.start = Math.max(FROM, Math.min(FROM + SPAN - STEP, start));
    if (row && row !== moving.row) {
      moving.row = row;
      row.querySelector('.omsorg-lane').appendChild(moving.block);
    }
    place(moving.block, moving.start);
  }

  function commit() {
    var m = moving;
    moving = null;
    var block = m.block, id = block.dataset.visit;
    var from = Number(block.dataset.carer), to = Number(m.row.dataset.carer);
    var ids = block.dataset.carers.split(',').map(Number).filter(function (x) { return x > 0; });
    if (!ids.length) ids = [to];
    ids = ids.map(function (x) { return x === from ? to : x; });
    if (to === from && m.start === Number(block.dataset.start)) {
      moving = m;
      cancel();
      return;
    }
    say('Flytter besøget …');
    fetch('/api/v1/plan/visits/' + id, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf ? csrf.value : '' },
      body: JSON.stringify({ carer_ids: ids, start: hhmm(m.start) })
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (r.ok) {
        sessionStorage.setItem('omsorg-board-focus', id);
        location.reload();
        return;
      }
      moving = m;
      cancel();
      showError((r.body && r.body.error && r.body.error.message) || 'Besøget kunne ikke flyttes.');
    }).catch(function () {
      moving = m;
      cancel();
      showError('Der er ingen forbindelse. Prøv igen.');
    });
  }

  /* keyboard: Space picks up and drops, arrows move, Enter drops, Escape cancels */
  board.addEventListener('keydown', function (e) {
    var block = e.target.closest && e.target.closest('.omsorg-block');
    if (!block) return;
    if (!moving) {
      if (e.key === ' ') { e.preventDefault(); begin(block); describe(); }
      return;
    }
    if (moving.block !== block) return;
    var rows = Array.prototype.slice.call(board.querySelectorAll('.omsorg-row'));
    var i = rows.indexOf(moving.row), step = e.shiftKey ? 30 : STEP;
    switch (e.key) {
    case 'ArrowLeft': moveTo(null, moving.start - step); break;
    case 'ArrowRight': moveTo(null, moving.start + step); break;
    case 'ArrowUp': if (i > 0) moveTo(rows[i - 1], moving.start); break;
    case 'ArrowDown': if (i < rows.length - 1) moveTo(rows[i + 1], moving.start); break;
    case 'Enter': case ' ': e.preventDefault(); commit(); return;
    case 'Escape': e.preventDefault(); cancel(); return;
    default: return;
    }
    e.preventDefault();
    block.focus();
    describe();
  });

  /* pointer: drag a block to another row or minute */
  var drag = null, dragged = false;
  board.addEventListener('pointerdown', function (e) {
    var block = e.target.closest && e.target.closest('.omsorg-block');
    if (!block || e.button !== 0 || moving) return;
    drag = { block: block, x: e.clientX, y: e.clientY, started: false };
  });
  board.addEventListener('pointermove', function (e) {
    if (!drag) return;
    if (!drag.started) {
      if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 3) return;
      drag.started = true;
      drag.block.setPointerCapture && drag.block.setPointerCapture(e.pointerId);
      begin(drag.block);
    }
    var under = document.elementsFromPoint(e.clientX, e.clientY);
    var row = null;
    for (var k = 0; k < under.length && !row; k++) row = rowOf(under[k]);
    /* the visit moves by whole 5-minute steps from where it was */
    var lane = (row || moving.row).querySelector('.omsorg-lane').getBoundingClientRect();
    var delta = (e.clientX - drag.x) / lane.width * SPAN;
    moveTo(row, Number(drag.block.dataset.start) + STEP * Math.round(delta / STEP));
    say('Besøget kl. ' + hhmm(moving.start) + ' hos ' + nameOf(moving.row) + '.');
  });
  board.addEventListener('pointerup', function () {
    if (!drag) return;
    dragged = drag.started;
    drag = null;
    if (dragged) commit();
  });
  /* a block is a link: no native link dragging, the pointer moves it */
  board.addEventListener('dragstart', function (e) {
    if (e.target.closest && e.target.closest('.omsorg-block')) e.preventDefault();
  });
  board.addEventListener('click', function (e) {
    /* the end of a drag is not a click on the link, nor is a click while moving */
    if (dragged || moving) e.preventDefault();
    dragged = false;
  });

  var focus = sessionStorage.getItem('omsorg-board-focus');
  if (focus) {
    sessionStorage.removeItem('omsorg-board-focus');
    var moved = board.querySelector('.omsorg-block[data-visit="' + focus + '"]');
    if (moved) { moved.focus(); say('Besøget er flyttet.'); }
  }
})();
