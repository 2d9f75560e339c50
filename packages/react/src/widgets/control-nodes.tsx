import { useContext, type ReactNode } from 'react';
import { useStrings } from '../strings/use-strings.js';
import { IconGlyph } from './icon-glyph.js';
import type { NodeProps } from './types.js';
import { fieldId, FormBusyContext, useWidgetAction, useWidgetRuntime } from './widget-runtime.js';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;
const SIZES = ['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'] as const;

interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

function optionsOf(value: unknown): Option[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { value: v, label, disabled } = entry as Record<string, unknown>;
    if (typeof v !== 'string') return [];
    return [{ value: v, label: typeof label === 'string' ? label : v, ...(disabled === true && { disabled: true }) }];
  });
}

/**
 * A button. `onClickAction` runs on click, with the values of the form it is in; a `submit`
 * button without one submits its form (the browser validates first). Busy while its action runs.
 */
export function ButtonNode({ component }: NodeProps) {
  const click = useWidgetAction(component.onClickAction, 'click');
  const formBusy = useContext(FormBusyContext);
  const submit = component.submit === true;
  const loading = click.loading || (submit && !click.enabled && formBusy);
  const label = str(component.label);
  const iconStart = str(component.iconStart);
  const iconEnd = str(component.iconEnd);
  return (
    <button
      type={submit ? 'submit' : 'button'}
      className="cw-w-button"
      data-widget-type="Button"
      data-color={pick(
        component.color,
        ['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger'],
        component.style === 'secondary' ? 'secondary' : 'primary',
      )}
      data-variant={pick(
        component.variant,
        ['solid', 'soft', 'outline', 'ghost'],
        component.style === 'secondary' ? 'outline' : 'solid',
      )}
      data-size={pick(component.size, SIZES, 'md')}
      data-pill={component.pill === true ? 'true' : undefined}
      data-block={component.block === true ? 'true' : undefined}
      data-uniform={component.uniform === true ? 'true' : undefined}
      data-loading={loading ? 'true' : undefined}
      aria-busy={loading || undefined}
      disabled={component.disabled === true || loading}
      onClick={(event) => {
        if (!click.enabled) return;
        const form = event.currentTarget.form;
        if (submit && form && !form.reportValidity()) {
          event.preventDefault();
          return;
        }
        event.preventDefault();
        void click.run();
      }}
    >
      {iconStart ? <IconGlyph name={iconStart} /> : null}
      {label ? <span>{label}</span> : null}
      {iconEnd ? <IconGlyph name={iconEnd} /> : null}
    </button>
  );
}

function fieldProps(component: NodeProps['component'], id: string) {
  return {
    id,
    name: str(component.name),
    required: component.required === true,
    disabled: component.disabled === true,
    'data-size': pick(component.size, SIZES, 'md'),
    'data-variant': pick(component.variant, ['soft', 'outline', 'solid', 'ghost'], 'outline'),
    'data-pill': component.pill === true ? 'true' : undefined,
  };
}

export function InputNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const name = str(component.name) ?? '';
  return (
    <input
      className="cw-w-input"
      data-widget-type="Input"
      {...fieldProps(component, fieldId(item, name))}
      type={pick(component.inputType, ['number', 'email', 'text', 'password', 'tel', 'url'], 'text')}
      defaultValue={str(component.defaultValue)}
      pattern={str(component.pattern)}
      placeholder={str(component.placeholder)}
    />
  );
}

export function TextareaNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const name = str(component.name) ?? '';
  return (
    <textarea
      className="cw-w-input cw-w-textarea"
      data-widget-type="Textarea"
      {...fieldProps(component, fieldId(item, name))}
      rows={typeof component.rows === 'number' ? Math.min(20, Math.max(1, component.rows)) : 3}
      defaultValue={str(component.defaultValue)}
      placeholder={str(component.placeholder)}
    />
  );
}

export function SelectNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const strings = useStrings();
  const change = useWidgetAction(component.onChangeAction, 'change');
  const name = str(component.name) ?? '';
  const options = optionsOf(component.options);
  return (
    <select
      className="cw-w-input cw-w-select"
      data-widget-type="Select"
      data-block={component.block === true ? 'true' : undefined}
      {...fieldProps(component, fieldId(item, name))}
      defaultValue={str(component.defaultValue) ?? ''}
      aria-busy={change.loading || undefined}
      onChange={(event) => {
        if (change.enabled) void change.run({ [name]: event.currentTarget.value });
      }}
    >
      <option value="" disabled={component.clearable !== true}>
        {str(component.placeholder) ?? strings.widgetChoose}
      </option>
      {options.map((option) => (
        <option key={option.value} value={option.value} disabled={option.disabled}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function CheckboxNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const change = useWidgetAction(component.onChangeAction, 'change');
  const name = str(component.name) ?? '';
  return (
    <label className="cw-w-check" data-widget-type="Checkbox">
      <input
        type="checkbox"
        id={fieldId(item, name)}
        name={name || undefined}
        defaultChecked={component.defaultChecked === true}
        required={component.required === true}
        disabled={component.disabled === true}
        aria-busy={change.loading || undefined}
        onChange={(event) => {
          if (change.enabled) void change.run({ [name]: event.currentTarget.checked });
        }}
      />
      <span>{str(component.label)}</span>
    </label>
  );
}

export function RadioGroupNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const change = useWidgetAction(component.onChangeAction, 'change');
  const name = str(component.name) ?? '';
  const options = optionsOf(component.options);
  const chosen = str(component.defaultValue);
  const radios: ReactNode = options.map((option, index) => (
    <label key={option.value} className="cw-w-check">
      <input
        type="radio"
        name={name || fieldId(item, 'radio')}
        id={index === 0 ? fieldId(item, name) : undefined}
        value={option.value}
        defaultChecked={option.value === chosen}
        required={component.required === true}
        disabled={component.disabled === true || option.disabled === true}
        onChange={(event) => {
          if (change.enabled && event.currentTarget.checked) void change.run({ [name]: option.value });
        }}
      />
      <span>{option.label}</span>
    </label>
  ));
  return (
    <div
      className="cw-w-radios"
      data-widget-type="RadioGroup"
      data-direction={component.direction === 'row' ? 'row' : 'col'}
      role="radiogroup"
      aria-label={str(component.ariaLabel)}
      aria-busy={change.loading || undefined}
    >
      {radios}
    </div>
  );
}

/** The date part of an ISO date-time, as `<input type="date">` wants it. */
const dateOf = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;

export function DatePickerNode({ component }: NodeProps) {
  const { item } = useWidgetRuntime();
  const change = useWidgetAction(component.onChangeAction, 'change');
  const name = str(component.name) ?? '';
  return (
    <input
      type="date"
      className="cw-w-input cw-w-date"
      data-widget-type="DatePicker"
      data-block={component.block === true ? 'true' : undefined}
      {...fieldProps(component, fieldId(item, name))}
      defaultValue={dateOf(component.defaultValue)}
      min={dateOf(component.min)}
      max={dateOf(component.max)}
      placeholder={str(component.placeholder)}
      aria-busy={change.loading || undefined}
      onChange={(event) => {
        if (change.enabled) void change.run({ [name]: event.currentTarget.value });
      }}
    />
  );
}
