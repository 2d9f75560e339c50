/**
 * Widget icons by ChatKit name, as 24×24 stroked paths in the current colour. The common names
 * have their own drawing; any other name (and `lucide:…`/`vendor:…`) is drawn as a small dot, so a
 * widget never shows a broken glyph. Always decorative: the text beside it carries the meaning.
 */
const PATHS: Record<string, string> = {
  check: 'M5 12l5 5L20 7',
  'check-circle': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12l3 3 5-6',
  'check-circle-filled': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12l3 3 5-6',
  star: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z',
  'star-filled': 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v5M12 8h.01',
  'circle-question': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.7M12 17h.01',
  calendar: 'M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM4 10h16M8 3v4M16 3v4',
  mail: 'M4 6h16v12H4zM4 7l8 6 8-6',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z',
  'map-pin': 'M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11zM12 12a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  globe:
    'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9S9.5 5.7 12 3z',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  sparkle: 'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z',
  bolt: 'M13 3L5 13h6l-1 8 8-10h-6z',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  profile: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  document: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6',
  chart: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3',
  analytics: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3',
  plus: 'M12 5v14M5 12h14',
  reload: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  'external-link': 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5',
  'chevron-left': 'M15 5l-7 7 7 7',
  'chevron-right': 'M9 5l7 7-7 7',
  lightbulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z',
  'settings-slider': 'M4 7h10M18 7h2M4 17h4M12 17h8M16 5v4M10 15v4',
  play: 'M7 4l13 8-13 8z',
  'empty-circle': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  images: 'M4 5h16v14H4zM4 15l4-4 5 5 3-3 4 4M15 9h.01',
  'square-image': 'M4 5h16v14H4zM4 15l4-4 5 5 3-3 4 4M15 9h.01',
  write: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  'book-open': 'M12 6c-2-1.5-5-2-8-1.5V19c3-.5 6 0 8 1.5 2-1.5 5-2 8-1.5V4.5c-3-.5-6 0-8 1.5zM12 6v14.5',
  suitcase: 'M4 8h16v11H4zM9 8V5h6v3',
  confetti: 'M4 20l5-13 8 8zM14 4l1 2M19 9l-2 1M17 3l-1 3',
  cube: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zM4 7.5l8 4.5 8-4.5M12 12v9',
};

const FILLED = new Set(['star-filled', 'check-circle-filled']);

export function IconGlyph({ name, size }: { name: string; size?: number }) {
  const path = Object.hasOwn(PATHS, name) ? PATHS[name] : undefined;
  const px = size ?? 16;
  return (
    <svg
      className="cw-w-icon"
      viewBox="0 0 24 24"
      width={px}
      height={px}
      fill={FILLED.has(name) ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {path ? <path d={path} /> : <circle cx="12" cy="12" r="3" fill="currentColor" />}
    </svg>
  );
}
