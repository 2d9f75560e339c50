import type { CSSProperties } from 'react';
import type { ChatKitOptions, ThemeOptions } from './options.js';

export interface ThemeProps {
  /** `data-color-scheme`, `data-radius`, `data-density` for the stylesheet to key on. */
  attributes: Record<`data-${string}`, string>;
  /** CSS custom properties (`--cw-accent`, …) set on the chat's root element. */
  style: CSSProperties;
}

const RADIUS = { pill: '999px', round: '16px', soft: '10px', sharp: '2px' } as const;

/**
 * The theme option as attributes and CSS custom properties on the root element. Everything else
 * (colours per scheme, spacing per density) is in the stylesheet, keyed on these.
 */
export function themeProps(theme: ChatKitOptions['theme']): ThemeProps {
  const options: ThemeOptions = typeof theme === 'string' ? { colorScheme: theme } : (theme ?? {});
  const attributes: ThemeProps['attributes'] = {
    'data-color-scheme': options.colorScheme ?? 'light',
    'data-radius': options.radius ?? 'round',
    'data-density': options.density ?? 'normal',
  };
  const vars: Record<string, string> = {};
  const accent = options.color?.accent?.primary;
  if (accent) {
    vars['--cw-accent'] = accent;
    vars['--cw-on-accent'] = readableOn(accent);
  }
  if (options.color?.surface?.background) vars['--cw-surface'] = options.color.surface.background;
  if (options.color?.surface?.foreground) vars['--cw-text'] = options.color.surface.foreground;
  if (options.typography?.baseSize) vars['--cw-font-size'] = `${options.typography.baseSize}px`;
  if (options.typography?.fontFamily) vars['--cw-font'] = options.typography.fontFamily;
  if (options.typography?.fontFamilyMono) vars['--cw-font-mono'] = options.typography.fontFamilyMono;
  if (options.radius) vars['--cw-radius'] = RADIUS[options.radius];
  return { attributes, style: vars };
}

/** Black or white, whichever reads better on `color` (a hex colour; white for anything else). */
export function readableOn(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return '#ffffff';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white vs. against black; pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
