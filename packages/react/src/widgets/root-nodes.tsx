import { childrenOf } from '@chatwire/protocol';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useStrings } from '../strings/use-strings.js';
import { IconGlyph } from './icon-glyph.js';
import { boxStyle } from './style-props.js';
import type { NodeProps } from './types.js';
import { FormBusyContext, FormValuesContext, readFormValues, useWidgetAction } from './widget-runtime.js';

interface Status {
  text: string;
  icon?: string;
  favicon?: string;
}

function statusOf(value: unknown): Status | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { text, icon, favicon } = value as Record<string, unknown>;
  if (typeof text !== 'string') return undefined;
  return {
    text,
    ...(typeof icon === 'string' && { icon }),
    ...(typeof favicon === 'string' && /^https:\/\//.test(favicon) && { favicon }),
  };
}

function StatusLine({ status }: { status: Status }) {
  return (
    <p className="cw-w-status">
      {status.favicon ? <img src={status.favicon} alt="" width={16} height={16} /> : null}
      {status.icon ? <IconGlyph name={status.icon} /> : null}
      <span>{status.text}</span>
    </p>
  );
}

interface CardAction {
  label: string;
  action: unknown;
}

function cardAction(value: unknown): CardAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { label, action } = value as Record<string, unknown>;
  return typeof label === 'string' && action !== undefined ? { label, action } : undefined;
}

const theme = (value: unknown) => (value === 'light' || value === 'dark' ? value : undefined);

/**
 * A card: the usual widget root. `asForm` makes it a form whose values go to the confirm action;
 * `confirm`/`cancel` are its footer buttons; `collapsed` shows only its status line.
 */
export function CardNode({ component, renderChildren }: NodeProps) {
  const ref = useRef<HTMLFormElement>(null);
  const values = useCallback(() => readFormValues(ref.current), []);
  const asForm = component.asForm === true;
  const confirm = cardAction(component.confirm);
  const cancel = cardAction(component.cancel);
  const confirmRun = useWidgetAction(confirm?.action, 'confirm');
  const cancelRun = useWidgetAction(cancel?.action, 'confirm');
  const status = statusOf(component.status);
  const collapsed = component.collapsed === true;
  const size = ['sm', 'md', 'lg', 'full'].includes(String(component.size)) ? String(component.size) : 'md';
  const style = boxStyle({ gap: 3, padding: 4, ...component });
  const body: ReactNode = (
    <>
      {status ? <StatusLine status={status} /> : null}
      {collapsed ? null : renderChildren(component.children)}
      {!collapsed && (confirm || cancel) ? (
        <div className="cw-w-card-actions">
          {cancel ? (
            <button
              type="button"
              className="cw-w-button"
              data-variant="outline"
              disabled={cancelRun.loading || confirmRun.loading}
              aria-busy={cancelRun.loading || undefined}
              onClick={() => void cancelRun.run()}
            >
              {cancel.label}
            </button>
          ) : null}
          {confirm ? (
            <button
              type={asForm ? 'submit' : 'button'}
              className="cw-w-button"
              data-variant="solid"
              data-color="primary"
              disabled={confirmRun.loading || cancelRun.loading}
              aria-busy={confirmRun.loading || undefined}
              onClick={asForm ? undefined : () => void confirmRun.run()}
            >
              {confirm.label}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
  const common = {
    className: 'cw-w-card',
    'data-widget-type': 'Card',
    'data-size': size,
    'data-widget-theme': theme(component.theme),
    style,
  };
  if (!asForm) return <div {...common}>{body}</div>;
  return (
    <form
      {...common}
      ref={ref}
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmRun.enabled && !confirmRun.loading) void confirmRun.run(values());
      }}
    >
      <FormValuesContext.Provider value={values}>
        <FormBusyContext.Provider value={confirmRun.loading}>{body}</FormBusyContext.Provider>
      </FormValuesContext.Provider>
    </form>
  );
}

/** A list of rows; `limit` shows that many first, with a button for the rest. */
export function ListViewNode({ component, renderChildren }: NodeProps) {
  const strings = useStrings();
  const [expanded, setExpanded] = useState(false);
  const children = childrenOf(component);
  const limit = typeof component.limit === 'number' && component.limit > 0 ? component.limit : undefined;
  const shown = limit !== undefined && !expanded ? children.slice(0, limit) : children;
  const status = statusOf(component.status);
  return (
    <div className="cw-w-list" data-widget-type="ListView" data-widget-theme={theme(component.theme)}>
      {status ? <StatusLine status={status} /> : null}
      <div role="list">{renderChildren(shown)}</div>
      {limit !== undefined && children.length > limit ? (
        <button type="button" className="cw-w-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? strings.widgetShowLess : strings.widgetShowMore(children.length - limit)}
        </button>
      ) : null}
    </div>
  );
}

/** The plain root (entity previews, and since ChatKit 1.7 threads too): a bare flex box. */
export function BasicNode({ component, renderChildren }: NodeProps) {
  const dir = component.direction === 'row' ? 'row' : 'col';
  return (
    <div
      className="cw-w-box cw-w-basic"
      data-widget-type="Basic"
      data-direction={dir}
      data-widget-theme={theme(component.theme)}
      style={boxStyle({ gap: 2, ...component })}
    >
      {renderChildren(component.children)}
    </div>
  );
}
