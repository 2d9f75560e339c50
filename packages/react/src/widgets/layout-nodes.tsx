import { useCallback, useRef, type FormEvent } from 'react';
import { boxStyle, color, blockStyle } from './style-props.js';
import type { NodeProps } from './types.js';
import { FormBusyContext, FormValuesContext, readFormValues, useWidgetAction } from './widget-runtime.js';

const direction = (value: unknown, fallback: 'row' | 'col') => (value === 'row' || value === 'col' ? value : fallback);

/** Box, Row and Col: flex containers (Box is a column unless `direction: "row"`). */
export function BoxNode({ component, renderChildren }: NodeProps) {
  const dir = component.type === 'Row' ? 'row' : component.type === 'Col' ? 'col' : direction(component.direction, 'col');
  return (
    <div className="cw-w-box" data-widget-type={component.type} data-direction={dir} style={boxStyle(component)}>
      {renderChildren(component.children)}
    </div>
  );
}

export function SpacerNode({ component }: NodeProps) {
  const style = blockStyle({ minWidth: component.minSize, minHeight: component.minSize });
  return <div className="cw-w-spacer" data-widget-type="Spacer" style={style} aria-hidden="true" />;
}

export function DividerNode({ component }: NodeProps) {
  const tint = color(component.color);
  const thickness = typeof component.size === 'number' ? `${component.size}px` : undefined;
  const spacing = typeof component.spacing === 'number' ? `${component.spacing * 4}px` : undefined;
  return (
    <hr
      className="cw-w-divider"
      data-widget-type="Divider"
      data-flush={component.flush === true ? 'true' : undefined}
      style={{
        ...(tint && { borderColor: tint }),
        ...(thickness && { borderTopWidth: thickness }),
        ...(spacing && { marginBlock: spacing }),
      }}
    />
  );
}

/** Transition animates its one child in; here it is the child, faded in by CSS. */
export function TransitionNode({ component, renderChildren }: NodeProps) {
  return (
    <div className="cw-w-transition" data-widget-type="Transition">
      {renderChildren(component.children)}
    </div>
  );
}

/**
 * A form: its fields' values go into every action fired inside it (keyed by `name`), and
 * submitting it (a `submit` button, Enter in a field) runs `onSubmitAction` after the browser's
 * own validation (`required`, `pattern`).
 */
export function FormNode({ component, renderChildren }: NodeProps) {
  const ref = useRef<HTMLFormElement>(null);
  const values = useCallback(() => readFormValues(ref.current), []);
  const submit = useWidgetAction(component.onSubmitAction, 'submit');
  const dir = direction(component.direction, 'col');
  return (
    <form
      ref={ref}
      className="cw-w-box cw-w-form"
      data-widget-type="Form"
      data-direction={dir}
      style={boxStyle(component)}
      aria-busy={submit.loading || undefined}
      noValidate={false}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (submit.enabled && !submit.loading) void submit.run(values());
      }}
    >
      <FormValuesContext.Provider value={values}>
        <FormBusyContext.Provider value={submit.loading}>{renderChildren(component.children)}</FormBusyContext.Provider>
      </FormValuesContext.Provider>
    </form>
  );
}

/** A row of a ListView; clickable when it has an `onClickAction`. */
export function ListViewItemNode({ component, renderChildren }: NodeProps) {
  const click = useWidgetAction(component.onClickAction, 'click');
  const style = boxStyle({ gap: component.gap ?? 3, align: component.align ?? 'center' });
  if (!click.enabled) {
    return (
      <div className="cw-w-list-item" data-widget-type="ListViewItem" role="listitem" style={style}>
        {renderChildren(component.children)}
      </div>
    );
  }
  return (
    <div className="cw-w-list-item-wrap" role="listitem" data-widget-type="ListViewItem">
      {/* A div with the button role: a real <button> may not hold the rows' block content. */}
      <div
        role="button"
        tabIndex={click.loading ? -1 : 0}
        className="cw-w-list-item"
        data-clickable="true"
        style={style}
        aria-busy={click.loading || undefined}
        aria-disabled={click.loading || undefined}
        onClick={() => {
          if (!click.loading) void click.run();
        }}
        onKeyDown={(event) => {
          if ((event.key === 'Enter' || event.key === ' ') && !click.loading) {
            event.preventDefault();
            void click.run();
          }
        }}
      >
        {renderChildren(component.children)}
      </div>
    </div>
  );
}
