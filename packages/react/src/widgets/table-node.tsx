import { childrenOf, type WidgetComponent } from '@chatwire/protocol';
import type { CSSProperties } from 'react';
import { boxStyle, own } from './style-props.js';
import type { NodeProps } from './types.js';

const isComponent = (value: unknown): value is WidgetComponent =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const ALIGN = { start: 'start', center: 'center', end: 'end' } as const;
const V_ALIGN = { start: 'top', center: 'middle', end: 'bottom' } as const;

/** A table of `Table.Row`s of `Table.Cell`s; a row with `header: true` is a row of column headers. */
export function TableNode({ component, renderChildren }: NodeProps) {
  const rows = childrenOf(component)
    .filter(isComponent)
    .filter((row) => row.type === 'Table.Row');
  const head = rows.filter((row) => row.header === true);
  const body = rows.filter((row) => row.header !== true);
  const renderRow = (row: WidgetComponent, index: number, header: boolean) => (
    <tr key={row.key ?? row.id ?? index} data-widget-type="Table.Row">
      {childrenOf(row)
        .filter(isComponent)
        .map((cell, cellIndex) => {
          const style: CSSProperties = boxStyle({ padding: cell.padding, width: cell.width });
          const align = own(ALIGN, cell.align);
          const vAlign = own(V_ALIGN, cell.vAlign);
          if (align) style.textAlign = align;
          if (vAlign) style.verticalAlign = vAlign;
          const key = cell.key ?? cell.id ?? cellIndex;
          const props = {
            'data-widget-type': 'Table.Cell',
            style,
            colSpan: typeof cell.colSpan === 'number' ? cell.colSpan : undefined,
            rowSpan: typeof cell.rowSpan === 'number' ? cell.rowSpan : undefined,
          };
          const content = renderChildren(cell.children);
          return header ? (
            <th key={key} scope="col" {...props}>
              {content}
            </th>
          ) : (
            <td key={key} {...props}>
              {content}
            </td>
          );
        })}
    </tr>
  );
  return (
    <div className="cw-w-table-wrap" data-widget-type="Table">
      <table className="cw-w-table">
        {head.length ? <thead>{head.map((row, index) => renderRow(row, index, true))}</thead> : null}
        <tbody>{body.map((row, index) => renderRow(row, index, false))}</tbody>
      </table>
    </div>
  );
}
