'use client';

import { useEffect } from 'react';

/**
 * Marks the section navigation's link to the section being read (aria-current): the last section whose
 * top has passed the upper third of the window (the first one before any has). The links are the
 * server's; this only sets the attribute on them.
 */
export function SectionSpy({ navId }: { navId: string }) {
  useEffect(() => {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>(`#${navId} a[href^="#"]`));
    const sections = links.map((link) => document.getElementById(link.hash.slice(1))).filter((s): s is HTMLElement => s !== null);
    let frame = 0;
    const mark = () => {
      frame = 0;
      const line = window.innerHeight / 3;
      const current = sections.filter((s) => s.getBoundingClientRect().top <= line).pop() ?? sections[0];
      for (const link of links) {
        if (current && link.hash === `#${current.id}`) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
      }
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(mark);
    };
    mark();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [navId]);
  return null;
}
