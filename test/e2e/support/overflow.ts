import type { Page } from 'playwright-core';

export interface Overflow {
  /** The document's scroll width: wider than the viewport means the page scrolls sideways. */
  width: number;
  viewport: number;
  /** The outermost elements that reach past the right edge, to say what to fix. */
  culprits: string[];
}

/** How wide the page is, and which elements stick out past the viewport's right edge. */
export function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const width = document.documentElement.scrollWidth;
    const culprits: string[] = [];
    if (width > viewport) {
      const describe = (el: Element) => {
        const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
        const id = el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : '';
        return `${el.tagName.toLowerCase()}${cls}${id}`;
      };
      const sticksOut = (el: Element) => el.getBoundingClientRect().right > viewport + 1;
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        if (!sticksOut(el)) continue;
        // Inside a box that scrolls sideways on its own, an element widens nothing.
        let p = el.parentElement;
        let contained = false;
        while (p && p !== document.body) {
          const ox = getComputedStyle(p).overflowX;
          if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') && !sticksOut(p)) contained = true;
          p = p.parentElement;
        }
        if (contained || (el.parentElement && sticksOut(el.parentElement) && el.parentElement !== document.body)) continue;
        culprits.push(`${describe(el.parentElement!)} > ${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
        if (culprits.length >= 8) break;
      }
    }
    return { width, viewport, culprits };
  });
}
