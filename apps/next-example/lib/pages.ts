/** The documentation's pages, in reading order: the navigation and the chat's prompts use it. */
export const PAGES = [
  { href: '/', title: 'Getting started' },
  { href: '/pricing', title: 'Plans and pricing' },
  { href: '/guides/sharing', title: 'Sharing notebooks' },
  { href: '/guides/offline', title: 'Working offline' },
] as const;
