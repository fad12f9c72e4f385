// The site's script (typedoc.json "customJs"): state diagrams that the content column draws
// smaller than their natural size get a "Full size" button; it, or a click on the diagram, shows
// the diagram at its natural size in a dialog that scrolls and pans by dragging. Escape, the
// close button or a click outside closes it. A table's box (div.toro-table) that scrolls
// sideways can be reached with Tab and scrolled with the arrow keys; one that fits cannot.
(() => {
  'use strict';

  const figures = () => document.querySelectorAll('figure.toro-diagram');
  const drawing = (figure) => figure.querySelector('.toro-diagram-svg > svg');

  /** A diagram is scaled when drawn narrower than the width Graphviz gave it. */
  function mark(figure) {
    const svg = drawing(figure);
    if (svg === null) return;
    const drawn = svg.getBoundingClientRect().width;
    figure.toggleAttribute('data-scaled', drawn > 0 && drawn < svg.width.baseVal.value - 1);
  }

  let dialog;
  function theDialog() {
    if (dialog !== undefined) return dialog;
    dialog = document.createElement('dialog');
    dialog.className = 'toro-diagram-dialog';
    dialog.innerHTML =
      '<div class="toro-diagram-bar"><span class="toro-diagram-title"></span>' +
      '<button type="button" class="toro-diagram-close" aria-label="Close the full-size diagram">Close</button></div>' +
      '<div class="toro-diagram-pane"><div class="toro-diagram-svg"></div></div>';
    dialog.querySelector('.toro-diagram-close').addEventListener('click', () => dialog.close());
    // A click on the backdrop lands on the dialog itself.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    const pane = dialog.querySelector('.toro-diagram-pane');
    let drag;
    pane.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, left: pane.scrollLeft, top: pane.scrollTop };
      pane.setPointerCapture(event.pointerId);
      pane.classList.add('toro-dragging');
    });
    pane.addEventListener('pointermove', (event) => {
      if (drag === undefined) return;
      pane.scrollLeft = drag.left - (event.clientX - drag.x);
      pane.scrollTop = drag.top - (event.clientY - drag.y);
    });
    const stop = () => {
      drag = undefined;
      pane.classList.remove('toro-dragging');
    };
    pane.addEventListener('pointerup', stop);
    pane.addEventListener('pointercancel', stop);
    document.body.append(dialog);
    return dialog;
  }

  function open(figure) {
    const svg = drawing(figure);
    if (svg === null) return;
    const view = theDialog();
    const copy = svg.cloneNode(true);
    // The page keeps its ids unique.
    for (const element of copy.querySelectorAll('[id]')) element.removeAttribute('id');
    view.querySelector('.toro-diagram-svg').replaceChildren(copy);
    view.querySelector('.toro-diagram-title').textContent = figure.querySelector('figcaption strong')?.textContent ?? '';
    view.showModal();
    const pane = view.querySelector('.toro-diagram-pane');
    pane.scrollLeft = 0;
    pane.scrollTop = 0;
  }

  /** A table's box is a tab stop while, and only while, it scrolls. */
  function markTable(box) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.toggleAttribute('data-scrolls', scrolls);
    if (scrolls) box.setAttribute('tabindex', '0');
    else box.removeAttribute('tabindex');
  }

  function setUp() {
    const tables = new ResizeObserver((entries) => {
      for (const entry of entries) markTable(entry.target);
    });
    for (const box of document.querySelectorAll('div.toro-table')) {
      tables.observe(box);
      markTable(box);
    }
    const resized = new ResizeObserver((entries) => {
      for (const entry of entries) mark(entry.target.closest('figure.toro-diagram'));
    });
    for (const figure of figures()) {
      const svg = drawing(figure);
      if (svg === null) continue;
      resized.observe(figure.querySelector('.toro-diagram-svg'));
      mark(figure);
      figure.querySelector('.toro-diagram-zoom')?.addEventListener('click', () => open(figure));
      svg.addEventListener('click', () => {
        if (figure.hasAttribute('data-scaled')) open(figure);
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();
