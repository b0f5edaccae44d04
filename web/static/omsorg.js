/* Start Det Fælles Designsystem's components (menus, accordions, …). */
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}

/* A table wider than the screen scrolls sideways inside its
 * .table--responsive-scroll wrapper (DKFDS). Only then is the wrapper made a named,
 * focusable region, so keyboard users can scroll it; otherwise it stays out
 * of the tab order. */
(function () {
  /* Tables rendered without the wrapper get one here. */
  var tables = document.querySelectorAll('table.table');
  for (var t = 0; t < tables.length; t++) {
    var parent = tables[t].parentNode;
    if (parent.classList && parent.classList.contains('table--responsive-scroll'))
      continue;
    var wrapper = document.createElement('div');
    wrapper.className = 'table--responsive-scroll';
    parent.insertBefore(wrapper, tables[t]);
    wrapper.appendChild(tables[t]);
  }

  function update() {
    var wrappers = document.querySelectorAll('.table--responsive-scroll');
    for (var i = 0; i < wrappers.length; i++) {
      var el = wrappers[i];
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute('tabindex')) {
        var caption = el.querySelector('caption');
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', caption ? caption.textContent.trim() : 'Tabel');
      } else if (!scrolls && el.hasAttribute('tabindex')) {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
      }
    }
  }
  update();
  window.addEventListener('resize', update);
})();
