'use client';

import { useEffect } from 'react';

/**
 * Marks the section navigation's link to the section being read (aria-current), from the sections'
 * positions in the viewport. The links are the server's; this only sets the attribute on them.
 */
export function SectionSpy({ navId }: { navId: string }) {
  useEffect(() => {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>(`#${navId} a[href^="#"]`));
    const sections = links.map((link) => document.getElementById(link.hash.slice(1))).filter((s): s is HTMLElement => s !== null);
    const visible = new Set<Element>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target);
          else visible.delete(entry.target);
        }
        const current = sections.find((s) => visible.has(s));
        if (!current) return;
        for (const link of links) {
          if (link.hash === `#${current.id}`) link.setAttribute('aria-current', 'true');
          else link.removeAttribute('aria-current');
        }
      },
      // The upper part of the viewport: the section whose top part is being read.
      { rootMargin: '0px 0px -60% 0px' },
    );
    for (const section of sections) observer.observe(section);
    return () => observer.disconnect();
  }, [navId]);
  return null;
}
