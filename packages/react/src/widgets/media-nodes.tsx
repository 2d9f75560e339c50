import { useContext } from 'react';
import { ImageDomainsContext } from '../parts/assistant-message.js';
import { IconGlyph } from './icon-glyph.js';
import { widgetImageUrl } from './image-url.js';
import { blockStyle, color, own } from './style-props.js';
import type { NodeProps } from './types.js';

const FITS = new Set(['cover', 'contain', 'fill', 'scale-down', 'none']);

export function ImageNode({ component }: NodeProps) {
  const domains = useContext(ImageDomainsContext);
  const src = widgetImageUrl(component.src, domains);
  const alt = typeof component.alt === 'string' ? component.alt : '';
  const style = blockStyle(component);
  if (typeof component.fit === 'string' && FITS.has(component.fit)) style.objectFit = component.fit as 'cover';
  if (typeof component.position === 'string' && /^[a-z ]+$/.test(component.position)) style.objectPosition = component.position;
  const frame = component.frame === true ? 'true' : undefined;
  if (!src) {
    return (
      <span
        className="cw-w-image cw-w-image-blocked"
        data-widget-type="Image"
        data-frame={frame}
        style={style}
        role="img"
        aria-label={alt}
      >
        {alt}
      </span>
    );
  }
  return <img className="cw-w-image" data-widget-type="Image" data-frame={frame} src={src} alt={alt} style={style} />;
}

const ICON_SIZES: Record<string, number> = { xs: 12, sm: 14, md: 16, lg: 20, xl: 24, '2xl': 32, '3xl': 40 };

export function IconNode({ component }: NodeProps) {
  const tint = color(component.color);
  return (
    <span className="cw-w-icon-wrap" data-widget-type="Icon" style={tint ? { color: tint } : undefined}>
      <IconGlyph name={typeof component.name === 'string' ? component.name : ''} size={own(ICON_SIZES, component.size) ?? 16} />
    </span>
  );
}
