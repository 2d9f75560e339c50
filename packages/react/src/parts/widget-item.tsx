import { ActionConfig, type WidgetComponent, type WidgetItem } from '@chatwire/protocol';
import type { ReactNode } from 'react';
import { useChatState, useRuntime } from '../context.js';

/**
 * A widget item, rendered from its component tree: the containers (`Card`, `Row`, `Col`, `Box`),
 * text (`Title`, `Text`, `Caption`, `Markdown` as plain text) and `Button`s whose server actions go
 * to the server (`threads.custom_action`). Components this view does not know show their children,
 * so nothing a widget says is lost. The root carries `data-widget-type`.
 */
export function WidgetItemView({ item }: { item: WidgetItem }) {
  return (
    <div className="cw-item cw-widget-item" data-item-type={item.type} data-item-id={item.id}>
      {(item.widget.children ?? []).length > 0 ? (
        <WidgetNode node={item.widget} itemId={item.id} root />
      ) : (
        // Nothing to draw (a widget still being streamed, or one made only of its copy text).
        <div className="cw-widget-card" data-widget-type={item.widget.type}>
          {item.copy_text ?? 'Interactive content'}
        </div>
      )}
    </div>
  );
}

function WidgetNode({ node, itemId, root = false }: { node: WidgetComponent; itemId: string; root?: boolean }) {
  const children = (node.children ?? []).map((child, index) => (
    <WidgetNode key={child.key ?? child.id ?? index} node={child} itemId={itemId} />
  ));
  const rootProps = root ? { 'data-widget-type': node.type } : {};
  switch (node.type) {
    case 'Card':
    case 'Basic':
    case 'ListView':
      return (
        <div className="cw-widget-card" {...rootProps}>
          {children}
        </div>
      );
    case 'Row':
      return (
        <div className="cw-widget-row" {...rootProps}>
          {children}
        </div>
      );
    case 'Col':
    case 'Box':
      return (
        <div className="cw-widget-col" {...rootProps}>
          {children}
        </div>
      );
    case 'Title':
      return <p className="cw-widget-title">{text(node.value)}</p>;
    case 'Text':
    case 'Caption':
    case 'Markdown':
      return <p className="cw-widget-text">{text(node.value)}</p>;
    case 'Button':
      return <WidgetButton node={node} itemId={itemId} />;
    default:
      return children.length > 0 ? <div {...rootProps}>{children}</div> : null;
  }
}

function WidgetButton({ node, itemId }: { node: WidgetComponent; itemId: string }) {
  const { controller } = useRuntime();
  const busy = useChatState((state) => state.status === 'streaming');
  const action = ActionConfig.safeParse(node.onClickAction);
  const serverAction = action.success && action.data.handler === 'server' ? action.data : undefined;
  const primary = node.style === 'primary' || node.color === 'primary';
  const label: ReactNode = text(node.label);
  return (
    <button
      type="button"
      className={primary ? 'cw-widget-button cw-widget-button-primary' : 'cw-widget-button'}
      disabled={busy || serverAction === undefined}
      onClick={() => {
        if (serverAction) void controller.sendCustomAction({ type: serverAction.type, payload: serverAction.payload }, itemId);
      }}
    >
      {label}
    </button>
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
