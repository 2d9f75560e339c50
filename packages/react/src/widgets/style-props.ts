import type { CSSProperties } from 'react';

/**
 * Widget layout props as inline styles. Numbers for spacing (`gap`, `padding`, `margin`) are steps
 * of 4 px, as in ChatKit; numbers for sizes are pixels; strings pass through when they look like a
 * CSS length. Colours are theme tokens, `{ light, dark }` pairs or plain CSS colours; anything
 * else (a `url(…)`, an expression) is dropped, so a widget cannot load resources through styles.
 */

type Props = Readonly<Record<string, unknown>>;

/** `table[key]` only for the table's own keys: a widget may name `constructor` or `__proto__`. */
export function own<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

const LENGTH = /^-?\d*\.?\d+(px|rem|em|%|vh|vw|ch|fr)?$|^auto$|^fit-content$|^min-content$|^max-content$/;
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|(rgb|rgba|hsl|hsla|oklch|oklab)\([\d\s.,%/+-]+\))$/i;

/** The tokens ChatKit widgets use for colours, on this UI's variables. */
const COLOR_TOKENS: Record<string, string> = {
  primary: 'var(--cw-text)',
  emphasis: 'var(--cw-text)',
  secondary: 'var(--cw-text-muted)',
  tertiary: 'var(--cw-text-muted)',
  prose: 'var(--cw-text)',
  accent: 'var(--cw-accent)',
  info: 'var(--cw-w-info)',
  discovery: 'var(--cw-w-discovery)',
  success: 'var(--cw-w-success)',
  caution: 'var(--cw-w-warning)',
  warning: 'var(--cw-w-warning)',
  danger: 'var(--cw-danger)',
  surface: 'var(--cw-surface)',
  'surface-secondary': 'var(--cw-surface-2)',
  'surface-tertiary': 'var(--cw-surface-3)',
  'surface-elevated': 'var(--cw-surface)',
  border: 'var(--cw-border)',
};

function space(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value * 4}px`;
  if (typeof value === 'string' && LENGTH.test(value.trim())) return value.trim();
  return undefined;
}

function size(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}px`;
  if (typeof value === 'string' && LENGTH.test(value.trim())) return value.trim();
  return undefined;
}

export function color(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const token = own(COLOR_TOKENS, value) ?? (value.startsWith('alpha-') ? 'var(--cw-surface-2)' : undefined);
    if (token) return token;
    if (/^(blue|red|green|yellow|orange|purple|pink|gray|grey)-\d{2,3}$/.test(value)) return value.split('-')[0];
    return COLOR.test(value.trim()) ? value.trim() : undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const { light, dark } = value as { light?: unknown; dark?: unknown };
    const a = color(light);
    const b = color(dark);
    if (a && b) return `light-dark(${a}, ${b})`;
    return a ?? b;
  }
  return undefined;
}

/** `padding` or `margin`: one value, or `{ top, right, bottom, left, x, y }`. */
function spacing(value: unknown, style: CSSProperties, prop: 'padding' | 'margin'): void {
  if (typeof value === 'object' && value !== null) {
    const sides = value as Record<string, unknown>;
    const pick = (side: string, axis: string) => space(sides[side] ?? sides[axis]);
    const [top, right, bottom, left] = [pick('top', 'y'), pick('right', 'x'), pick('bottom', 'y'), pick('left', 'x')];
    if (top) style[`${prop}Top`] = top;
    if (right) style[`${prop}InlineEnd`] = right;
    if (bottom) style[`${prop}Bottom`] = bottom;
    if (left) style[`${prop}InlineStart`] = left;
    return;
  }
  const one = space(value);
  if (one) style[prop] = one;
}

function border(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}px solid var(--cw-border)`;
  if (typeof value === 'object' && value !== null) {
    const { size: width, color: tint, style } = value as { size?: unknown; color?: unknown; style?: unknown };
    const line = typeof style === 'string' && /^[a-z]+$/.test(style) ? style : 'solid';
    return `${typeof width === 'number' ? width : 1}px ${line} ${color(tint) ?? 'var(--cw-border)'}`;
  }
  return undefined;
}

const RADII: Record<string, string> = {
  none: '0',
  '2xs': '2px',
  xs: '4px',
  sm: '6px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  '2xl': '20px',
  '3xl': '24px',
  '4xl': '32px',
  full: '999px',
  '100%': '100%',
};

const JUSTIFY: Record<string, string> = {
  start: 'flex-start',
  end: 'flex-end',
  center: 'center',
  between: 'space-between',
  around: 'space-around',
  evenly: 'space-evenly',
  stretch: 'stretch',
};
const ALIGN: Record<string, string> = {
  start: 'flex-start',
  end: 'flex-end',
  center: 'center',
  baseline: 'baseline',
  stretch: 'stretch',
};

/** Sizes, margin and radius: what every block-like component (an image too) takes. */
export function blockStyle(props: Props): CSSProperties {
  const style: CSSProperties = {};
  const both = size(props.size);
  const width = size(props.width) ?? both;
  const height = size(props.height) ?? both;
  if (width) style.width = width;
  if (height) style.height = height;
  const minBoth = size(props.minSize);
  const maxBoth = size(props.maxSize);
  const minWidth = size(props.minWidth) ?? minBoth;
  const minHeight = size(props.minHeight) ?? minBoth;
  const maxWidth = size(props.maxWidth) ?? maxBoth;
  const maxHeight = size(props.maxHeight) ?? maxBoth;
  if (minWidth) style.minWidth = minWidth;
  if (minHeight) style.minHeight = minHeight;
  if (maxWidth) style.maxWidth = maxWidth;
  if (maxHeight) style.maxHeight = maxHeight;
  if (typeof props.aspectRatio === 'number' || (typeof props.aspectRatio === 'string' && /^[\d\s./]+$/.test(props.aspectRatio)))
    style.aspectRatio = String(props.aspectRatio);
  const radius = own(RADII, props.radius);
  if (radius) style.borderRadius = radius;
  if (props.margin !== undefined) spacing(props.margin, style, 'margin');
  if (typeof props.flex === 'number' || (typeof props.flex === 'string' && /^[\d\s.a-z%]+$/.test(props.flex)))
    style.flex = props.flex;
  return style;
}

/** Box, Row, Col, Form and the roots: flex layout plus the block props. */
export function boxStyle(props: Props): CSSProperties {
  const style = blockStyle(props);
  const gap = space(props.gap);
  if (gap) style.gap = gap;
  if (props.padding !== undefined) spacing(props.padding, style, 'padding');
  const align = own(ALIGN, props.align);
  const justify = own(JUSTIFY, props.justify);
  if (align) style.alignItems = align;
  if (justify) style.justifyContent = justify;
  if (props.wrap === 'wrap' || props.wrap === 'nowrap' || props.wrap === 'wrap-reverse') style.flexWrap = props.wrap;
  const background = color(props.background);
  if (background) style.background = background;
  if (typeof props.border === 'object' && props.border !== null && !('size' in props.border)) {
    const sides = props.border as Record<string, unknown>;
    const pick = (side: string, axis: string) => border(sides[side] ?? sides[axis]);
    const [top, right, bottom, left] = [pick('top', 'y'), pick('right', 'x'), pick('bottom', 'y'), pick('left', 'x')];
    if (top) style.borderTop = top;
    if (right) style.borderInlineEnd = right;
    if (bottom) style.borderBottom = bottom;
    if (left) style.borderInlineStart = left;
  } else {
    const line = border(props.border);
    if (line) style.border = line;
  }
  return style;
}

/** Text props shared by Text, Title, Caption and Label. */
export function textStyle(props: Props): CSSProperties {
  const style: CSSProperties = {};
  const tint = color(props.color);
  if (tint) style.color = tint;
  if (props.weight === 'normal' || props.weight === 'medium' || props.weight === 'semibold' || props.weight === 'bold')
    style.fontWeight = { normal: 400, medium: 500, semibold: 600, bold: 700 }[props.weight];
  if (props.textAlign === 'start' || props.textAlign === 'center' || props.textAlign === 'end') style.textAlign = props.textAlign;
  if (props.italic === true) style.fontStyle = 'italic';
  if (props.lineThrough === true) style.textDecoration = 'line-through';
  if (typeof props.maxLines === 'number' && props.maxLines > 0) {
    style.display = '-webkit-box';
    style.WebkitLineClamp = props.maxLines;
    style.WebkitBoxOrient = 'vertical';
    style.overflow = 'hidden';
  }
  const width = size(props.width);
  if (width) style.width = width;
  return style;
}
