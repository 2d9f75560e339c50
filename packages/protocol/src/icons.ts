import { z } from 'zod';

export const ICON_NAMES = [
  'agent', 'analytics', 'atom', 'batch', 'bolt', 'book-open', 'book-closed', 'book-clock', 'bug',
  'calendar', 'chart', 'check', 'check-circle', 'check-circle-filled', 'chevron-left',
  'chevron-right', 'circle-question', 'clock', 'compass', 'confetti', 'cube', 'desktop',
  'document', 'dot', 'dots-horizontal', 'dots-vertical', 'empty-circle', 'external-link', 'globe',
  'keys', 'lab', 'images', 'info', 'lifesaver', 'lightbulb', 'mail', 'map-pin', 'maps', 'mobile',
  'name', 'notebook', 'notebook-pencil', 'page-blank', 'phone', 'play', 'plus', 'profile',
  'profile-card', 'reload', 'star', 'star-filled', 'search', 'sparkle', 'sparkle-double',
  'square-code', 'square-image', 'square-text', 'suitcase', 'settings-slider', 'user', 'wreath',
  'write', 'write-alt', 'write-alt2',
] as const;

export type BuiltinIconName = (typeof ICON_NAMES)[number];
export type IconName = BuiltinIconName | `vendor:${string}` | `lucide:${string}`;

const builtin: ReadonlySet<string> = new Set(ICON_NAMES);

/** One of the built-in icon names, or any `vendor:…` / `lucide:…` name. */
export const IconName = z.custom<IconName>(
  (value) =>
    typeof value === 'string' &&
    (builtin.has(value) || value.startsWith('vendor:') || value.startsWith('lucide:')),
  { message: 'Expected a known icon name, or one starting with "vendor:" or "lucide:"' },
);
