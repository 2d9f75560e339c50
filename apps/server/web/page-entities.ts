import type { Entity } from '@chatwire/react';

/** This page's sections (its `h2` headings with an id), as entities a reader can @-mention in the chat. */
export function searchSections(query: string, group: string): Entity[] {
  const wanted = query.trim().toLowerCase();
  return [...document.querySelectorAll<HTMLHeadingElement>('#docs h2[id]')]
    .map((heading) => ({
      id: heading.id,
      title: heading.textContent?.trim() ?? heading.id,
      group,
      interactive: true,
      data: { section: heading.id, url: `${location.origin}${location.pathname}#${heading.id}` },
    }))
    .filter((entity) => wanted === '' || entity.title.toLowerCase().includes(wanted));
}

/** A click on a mentioned section scrolls the page to it. */
export function showSection(entity: Entity): void {
  const target = entity.data?.section ? document.getElementById(entity.data.section) : null;
  target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
