import { useContext } from 'react';
import { Markdown } from '../markdown/markdown.js';
import { ImageDomainsContext } from '../parts/assistant-message.js';
import { textStyle } from './style-props.js';
import type { NodeProps } from './types.js';
import { fieldId, useWidgetRuntime } from './widget-runtime.js';

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

const TEXT_SIZES = ['xs', 'sm', 'md', 'lg', 'xl'] as const;

interface Editable {
  name: string;
  required?: boolean;
  pattern?: string;
  placeholder?: string;
}

function editableOf(value: unknown): Editable | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, required, pattern, placeholder } = value as Record<string, unknown>;
  if (typeof name !== 'string' || !name) return undefined;
  return {
    name,
    ...(required === true && { required: true }),
    ...(typeof pattern === 'string' && { pattern }),
    ...(typeof placeholder === 'string' && { placeholder }),
  };
}

/**
 * Text, streamed or still: `streaming: true` shows a caret while `widget.streaming_text.value_delta`
 * updates grow the value. `editable` turns it into a form field with the value as its default.
 */
export function TextNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const value = text(component.value);
  const editable = editableOf(component.editable);
  const size = pick(component.size, TEXT_SIZES, 'md');
  if (editable) {
    return (
      <input
        className="cw-w-input cw-w-text-input"
        data-widget-type="Text"
        data-size={size}
        id={fieldId(item, editable.name)}
        name={editable.name}
        defaultValue={value}
        required={editable.required}
        pattern={editable.pattern}
        placeholder={editable.placeholder}
      />
    );
  }
  return (
    <p
      className="cw-w-text"
      data-widget-type="Text"
      data-size={size}
      data-streaming={component.streaming === true ? 'true' : undefined}
      data-truncate={component.truncate === true ? 'true' : undefined}
      style={textStyle(component)}
    >
      {value}
    </p>
  );
}

export function TitleNode({ component }: NodeProps) {
  const size = pick(component.size, ['sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl'], 'md');
  return (
    <h3 className="cw-w-title" data-widget-type="Title" data-size={size} style={textStyle(component)}>
      {text(component.value)}
    </h3>
  );
}

export function CaptionNode({ component }: NodeProps) {
  const size = pick(component.size, ['sm', 'md', 'lg'], 'md');
  return (
    <p className="cw-w-caption" data-widget-type="Caption" data-size={size} style={textStyle(component)}>
      {text(component.value)}
    </p>
  );
}

/** Markdown, through the chat's own safe renderer (no HTML; links and images checked). */
export function MarkdownNode({ component }: NodeProps) {
  const imageDomains = useContext(ImageDomainsContext);
  return (
    <div className="cw-w-markdown" data-widget-type="Markdown" data-streaming={component.streaming === true ? 'true' : undefined}>
      <Markdown text={text(component.value)} imageDomains={imageDomains} />
    </div>
  );
}

/** A label for the form field named `fieldName`. */
export function LabelNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const target = typeof component.fieldName === 'string' ? fieldId(item, component.fieldName) : undefined;
  return (
    <label
      className="cw-w-label"
      data-widget-type="Label"
      data-size={pick(component.size, TEXT_SIZES, 'sm')}
      htmlFor={target}
      style={textStyle(component)}
    >
      {text(component.value)}
    </label>
  );
}

export function BadgeNode({ component }: NodeProps) {
  return (
    <span
      className="cw-w-badge"
      data-widget-type="Badge"
      data-color={pick(component.color, ['secondary', 'success', 'danger', 'warning', 'info', 'discovery'], 'secondary')}
      data-variant={pick(component.variant, ['solid', 'soft', 'outline'], 'soft')}
      data-size={pick(component.size, ['sm', 'md', 'lg'], 'sm')}
      data-pill={component.pill === true ? 'true' : undefined}
    >
      {text(component.label)}
    </span>
  );
}
