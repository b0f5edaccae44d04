/* Start Det Fælles Designsystem's components (menus, accordions, …). */
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}
