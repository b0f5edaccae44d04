/* The planner's board: move a visit by dragging it, or with the keyboard.
 *
 * Without this script every block is a link to its move form. With it the
 * board becomes one keyboard stop (an ARIA grid, its current visit named by
 * aria-activedescendant): the arrows go from visit to visit, Enter opens the
 * move form, Space picks the visit up; then the arrows move it (up and down
 * to another carer, left and right by 5 minutes, with Shift by 30) and Enter
 * or Space puts it down, Escape cancels. A mouse or a finger drags a block.
 * Every move goes to PUT /api/v1/plan/visits/{id}, which runs the same check
 * as the form and answers with the same Danish reason when the move would
 * break the plan. After a move the page is reloaded with the visit current.
 */
(function () {
  'use strict';
  var board = document.querySelector('.omsorg-plan-board');
  if (!board) return;
  var grid = board.querySelector('.omsorg-rows');
  var status = document.getElementById('board-status');
  var csrf = document.querySelector('input[name="csrf"]');
  var FROM = 360, SPAN = 1080, STEP = 5;
  var moving = null; /* {block, row, start, origin: {lane, next, classes}} */
  var active = null;

  function hhmm(m) {
    var h = Math.floor(m / 60), mm = m % 60;
    return (h < 10 ? '0' : '') + h + ':' + (mm < 10 ? '0' : '') + mm;
  }
  function rowOf(el) { return el && el.closest ? el.closest('.omsorg-row') : null; }
  function rows() { return Array.prototype.slice.call(grid.querySelectorAll('.omsorg-row')); }
  function blocksOf(row) { return Array.prototype.slice.call(row.querySelectorAll('.omsorg-block')); }
  function allBlocks() { return Array.prototype.slice.call(grid.querySelectorAll('.omsorg-block')); }
  function nameOf(row) {
    var n = row.querySelector('.omsorg-row-name');
    return n ? n.firstChild.textContent.trim() : '';
  }
  function say(text) { if (status) status.textContent = text; }

  /* the grid: one tab stop, the current visit by aria-activedescendant */
  grid.setAttribute('role', 'grid');
  grid.setAttribute('aria-label', 'Dagens plan');
  grid.tabIndex = 0;
  rows().forEach(function (row) {
    row.setAttribute('role', 'row');
    row.querySelector('.omsorg-row-name').setAttribute('role', 'rowheader');
    row.querySelector('.omsorg-lane').setAttribute('role', 'gridcell');
  });
  allBlocks().forEach(function (b) {
    b.tabIndex = -1;
    b.id = 'visit-' + b.dataset.visit;
  });
  function setActive(block) {
    if (active) active.classList.remove('is-active');
    active = block;
    if (!block) { grid.removeAttribute('aria-activedescendant'); return; }
    block.classList.add('is-active');
    grid.setAttribute('aria-activedescendant', block.id);
    block.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
  setActive(allBlocks()[0] || null);

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
    moving = {
      block: block, row: rowOf(block), start: Number(block.dataset.start),
      origin: { lane: block.parentNode, next: block.nextSibling, classes: block.className }
    };
    block.classList.add('is-moving');
    setActive(block);
  }
  function cancel(quiet) {
    if (!moving) return;
    var m = moving;
    moving = null;
    m.block.className = m.origin.classes;
    m.origin.lane.insertBefore(m.block, m.origin.next);
    setActive(m.block);
    if (!quiet) say('Flytningen er fortrudt.');
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
    var block = m.block, id = block.dataset.visit;
    var from = Number(block.dataset.carer), to = Number(m.row.dataset.carer);
    if (to === from && m.start === Number(block.dataset.start)) {
      cancel(true);
      return;
    }
    moving = null;
    var ids = block.dataset.carers.split(',').map(Number).filter(function (x) { return x > 0; });
    if (!ids.length) ids = [to];
    ids = ids.map(function (x) { return x === from ? to : x; });
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
      cancel(true);
      showError((r.body && r.body.error && r.body.error.message) || 'Besøget kunne ikke flyttes.');
    }).catch(function () {
      moving = m;
      cancel(true);
      showError('Der er ingen forbindelse. Prøv igen.');
    });
  }

  /* Arrows between visits: left and right in reading order, up and down to
   * the nearest visit in time on the row above or below. */
  function neighbour(key) {
    var list = allBlocks(), i = list.indexOf(active);
    if (key === 'ArrowLeft') return list[i - 1];
    if (key === 'ArrowRight') return list[i + 1];
    if (key === 'Home') return list[0];
    if (key === 'End') return list[list.length - 1];
    var rs = rows(), r = rs.indexOf(rowOf(active));
    for (var k = r + (key === 'ArrowUp' ? -1 : 1); k >= 0 && k < rs.length; k += key === 'ArrowUp' ? -1 : 1) {
      var bs = blocksOf(rs[k]);
      if (!bs.length) continue;
      var at = Number(active.dataset.start);
      return bs.reduce(function (best, b) {
        return Math.abs(Number(b.dataset.start) - at) < Math.abs(Number(best.dataset.start) - at) ? b : best;
      });
    }
    return null;
  }

  grid.addEventListener('keydown', function (e) {
    if (!active) return;
    if (!moving) {
      var next = null;
      switch (e.key) {
      case 'ArrowLeft': case 'ArrowRight': case 'ArrowUp': case 'ArrowDown': case 'Home': case 'End':
        next = neighbour(e.key);
        e.preventDefault();
        if (next) setActive(next);
        return;
      case 'Enter': e.preventDefault(); location.href = active.href; return;
      case ' ': e.preventDefault(); begin(active); describe(); return;
      default: return;
      }
    }
    var rs = rows(), i = rs.indexOf(moving.row), step = e.shiftKey ? 30 : STEP;
    switch (e.key) {
    case 'ArrowLeft': moveTo(null, moving.start - step); break;
    case 'ArrowRight': moveTo(null, moving.start + step); break;
    case 'ArrowUp': if (i > 0) moveTo(rs[i - 1], moving.start); break;
    case 'ArrowDown': if (i < rs.length - 1) moveTo(rs[i + 1], moving.start); break;
    case 'Enter': case ' ': e.preventDefault(); commit(); return;
    case 'Escape': e.preventDefault(); cancel(false); return;
    default: return;
    }
    e.preventDefault();
    describe();
  });

  /* pointer: drag a block to another row or minute */
  var drag = null, dragged = false;
  grid.addEventListener('pointerdown', function (e) {
    var block = e.target.closest && e.target.closest('.omsorg-block');
    if (!block || e.button !== 0 || moving) return;
    drag = { block: block, x: e.clientX, y: e.clientY, started: false };
  });
  grid.addEventListener('pointermove', function (e) {
    if (!drag) return;
    if (!drag.started) {
      if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 3) return;
      drag.started = true;
      if (drag.block.setPointerCapture) drag.block.setPointerCapture(e.pointerId);
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
  grid.addEventListener('pointerup', function () {
    if (!drag) return;
    dragged = drag.started;
    drag = null;
    if (dragged) commit();
  });
  /* a block is a link: no native link dragging, the pointer moves it */
  grid.addEventListener('dragstart', function (e) {
    if (e.target.closest && e.target.closest('.omsorg-block')) e.preventDefault();
  });
  grid.addEventListener('click', function (e) {
    /* the end of a drag is not a click on the link, nor is a click while moving */
    if (dragged || moving) e.preventDefault();
    dragged = false;
  });

  var focus = sessionStorage.getItem('omsorg-board-focus');
  if (focus) {
    sessionStorage.removeItem('omsorg-board-focus');
    var moved = document.getElementById('visit-' + focus);
    if (moved) {
      setActive(moved);
      grid.focus();
      say('Besøget er flyttet.');
    }
  }
})();
