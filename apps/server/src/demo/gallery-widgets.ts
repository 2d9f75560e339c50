import type { WidgetComponent, WidgetRoot } from '@chatwire/protocol';

/** A small gradient picture as inline data (no request leaves the page for it). */
export const GRADIENT_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAAA4CAIAAACNJ2r1AAABp0lEQVR42u3QaS8CAAAGYD+LmZkZiSQhSSQpkUhSUhJmZmbGzMiV+wjJfYQkKjdJcp8h9/nZ3/DhfX7C4+Nb+utX8uOv/g5QfwUWfwapPoJV7yFFbwTlK1H5Eq54JimeyIVeivyRKn+ILbinyTx02R1DesuU3iTlX7MkV2zJJSfvgis+TxefZeSeCkQnQtFxdo5blHMkznZJhIdSobMg66BQ4FAK9lWZe+rM3ZKMnTL+djl/qyJ9s5K3UcVbr+baa9JstWnWOo61nrPWkLrayLZo2CstKeY21rKWZepMXupOXuxJWuhjGgeY87rEuWHGrJ4xY0iYHqdPTdInp+InZuLH52hjxjjDYtyoKVZvjhmxxAyvUYdsVJ09enCDMrBF6d+J6tsj9zrIPc7Ibhepy03qPI7oOI3Qnoe3XxLbromtt2EtHkLzA0HjDW16Dm3yQRCCEIQgBCEIQQhCEIIQhCAEIQhBCEIQghCEIAQhCEEIQhCCEIQgBCEIQQhCEIIQhCAEIQhBCEIQghCEIAQhCEEIQhCCEIQgBCEIQQhCEIIQhCAE/eegP5+Ub6WDAy7ZAAAAAElFTkSuQmCC';

const STREAMED = 'This sentence streams in word by word, as a model would write it.';

const badges: WidgetComponent[] = (['secondary', 'success', 'warning', 'danger', 'info', 'discovery'] as const).map((color) => ({
  type: 'Badge',
  label: color,
  color,
  pill: true,
}));

/**
 * The widget gallery's card: one of every component the widget spec has (the ListView and Basic
 * roots are widgets of their own), with live parts the demo actions update in place: a counter
 * (a streaming server action and a sync one) and a form whose submission is echoed back.
 */
export function galleryCard(streamed = STREAMED, streaming = false): WidgetRoot {
  return {
    type: 'Card',
    size: 'lg',
    status: { text: 'Widget gallery', icon: 'sparkle' },
    children: [
      {
        type: 'Row',
        gap: 2,
        children: [
          { type: 'Icon', name: 'sparkle', color: 'discovery', size: 'lg' },
          { type: 'Title', value: 'Every widget component', size: 'md' },
          { type: 'Spacer' },
          { type: 'Badge', label: 'New', color: 'success', variant: 'solid', pill: true },
        ],
      },
      { type: 'Caption', value: 'Rendered by @chatwire/react from the ChatKit widget spec.' },
      { type: 'Text', id: 'streamed', value: streamed, streaming },
      { type: 'Markdown', value: 'Markdown works too: **bold**, _italic_, `code` and a list:\n\n- one\n- two' },
      { type: 'Transition', children: { type: 'Row', gap: 2, wrap: 'wrap', children: badges } },
      { type: 'Divider' },
      {
        type: 'Row',
        gap: 3,
        children: [
          { type: 'Image', src: GRADIENT_PNG, alt: 'A blue to pink gradient', width: 96, height: 56, radius: 'lg', fit: 'cover' },
          {
            type: 'Col',
            gap: 1,
            children: [
              { type: 'Text', value: 'An image from inline data', weight: 'semibold' },
              { type: 'Caption', value: 'Remote images load only from the thread’s allowed domains.' },
            ],
          },
        ],
      },
      {
        type: 'Box',
        background: 'surface-secondary',
        padding: 3,
        radius: 'lg',
        gap: 2,
        children: [
          { type: 'Caption', value: 'Counter (server actions)' },
          {
            type: 'Row',
            gap: 2,
            children: [
              { type: 'Text', id: 'count', value: '0', size: 'xl', weight: 'semibold' },
              { type: 'Spacer' },
              {
                type: 'Button',
                label: 'Reset',
                variant: 'outline',
                onClickAction: { type: 'demo.counter.reset', streaming: false },
              },
              { type: 'Button', label: 'Add one', iconStart: 'plus', onClickAction: { type: 'demo.counter.add' } },
            ],
          },
        ],
      },
      {
        type: 'Form',
        gap: 3,
        onSubmitAction: { type: 'demo.form.submit', payload: { form: 'gallery' } },
        children: [
          {
            type: 'Row',
            gap: 3,
            align: 'start',
            children: [
              {
                type: 'Col',
                flex: 1,
                gap: 1,
                children: [
                  { type: 'Label', value: 'Name', fieldName: 'name' },
                  { type: 'Input', name: 'name', placeholder: 'Ada Lovelace', required: true },
                ],
              },
              {
                type: 'Col',
                gap: 1,
                children: [
                  { type: 'Label', value: 'Start date', fieldName: 'start' },
                  { type: 'DatePicker', name: 'start', defaultValue: '2026-12-24' },
                ],
              },
            ],
          },
          {
            type: 'Col',
            gap: 1,
            children: [
              { type: 'Label', value: 'Plan', fieldName: 'plan' },
              {
                type: 'Select',
                name: 'plan',
                defaultValue: 'team',
                options: [
                  { value: 'starter', label: 'Starter' },
                  { value: 'team', label: 'Team' },
                  { value: 'enterprise', label: 'Enterprise' },
                ],
              },
            ],
          },
          {
            type: 'Col',
            gap: 1,
            children: [
              { type: 'Label', value: 'Notes', fieldName: 'notes' },
              { type: 'Textarea', name: 'notes', placeholder: 'Anything we should know?', rows: 2 },
            ],
          },
          {
            type: 'Row',
            gap: 4,
            wrap: 'wrap',
            children: [
              { type: 'Checkbox', name: 'newsletter', label: 'Send me the newsletter' },
              {
                type: 'RadioGroup',
                name: 'size',
                ariaLabel: 'Team size',
                direction: 'row',
                defaultValue: 'm',
                options: [
                  { value: 's', label: 'Small' },
                  { value: 'm', label: 'Medium' },
                  { value: 'l', label: 'Large' },
                ],
              },
            ],
          },
          {
            type: 'Row',
            gap: 2,
            children: [
              { type: 'Text', id: 'form_result', value: 'Not saved yet', size: 'sm', color: 'secondary' },
              { type: 'Spacer' },
              { type: 'Button', label: 'Save', submit: true },
            ],
          },
        ],
      },
      { type: 'Divider' },
      {
        type: 'Table',
        children: [
          {
            type: 'Table.Row',
            header: true,
            children: ['Plan', 'Seats', 'Price'].map((value, index) => ({
              type: 'Table.Cell',
              align: index === 0 ? 'start' : 'end',
              children: [{ type: 'Text', value }],
            })),
          },
          ...[
            ['Starter', '1', '$0'],
            ['Team', '10', '$20'],
            ['Enterprise', '∞', 'Ask us'],
          ].map((cells) => ({
            type: 'Table.Row',
            children: cells.map((value, index) => ({
              type: 'Table.Cell',
              align: index === 0 ? 'start' : 'end',
              children: [{ type: 'Text', value }],
            })),
          })),
        ],
      },
      {
        type: 'Chart',
        height: 180,
        xAxis: 'month',
        showLegend: true,
        data: [
          { month: 'Jan', visits: 12, signups: 4 },
          { month: 'Feb', visits: 19, signups: 7 },
          { month: 'Mar', visits: 15, signups: 6 },
          { month: 'Apr', visits: 24, signups: 11 },
          { month: 'May', visits: 28, signups: 13 },
        ],
        series: [
          { type: 'bar', dataKey: 'visits', label: 'Visits' },
          { type: 'line', dataKey: 'signups', label: 'Sign-ups', color: 'discovery' },
        ],
      },
      { type: 'DemoRating', value: 4, label: 'A custom component (the page registers its renderer)' },
    ],
  };
}

/** The states of the gallery card while its text streams in: one more word each. */
export async function* streamedGallery(delayMs: number): AsyncGenerator<WidgetRoot> {
  const words = STREAMED.split(' ');
  for (let count = 1; count <= words.length; count++) {
    yield galleryCard(words.slice(0, count).join(' '), count < words.length);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** A list of rows a user can pick from (the picked one is marked by the server). */
export function galleryList(picked?: string): WidgetRoot {
  const rows = [
    { id: 'oslo', title: 'Oslo', detail: 'Norway · 2 °C', icon: 'map-pin' },
    { id: 'lisbon', title: 'Lisbon', detail: 'Portugal · 17 °C', icon: 'map-pin' },
    { id: 'kyoto', title: 'Kyoto', detail: 'Japan · 9 °C', icon: 'map-pin' },
    { id: 'quito', title: 'Quito', detail: 'Ecuador · 14 °C', icon: 'map-pin' },
  ];
  return {
    type: 'ListView',
    limit: 3,
    status: { text: 'Pick a city (ListView)', icon: 'globe' },
    children: rows.map((row) => ({
      type: 'ListViewItem',
      key: row.id,
      onClickAction: { type: 'demo.list.pick', payload: { city: row.id } },
      children: [
        { type: 'Icon', name: row.icon, color: 'secondary' },
        {
          type: 'Col',
          gap: 0,
          children: [
            { type: 'Text', value: row.title, weight: 'medium' },
            { type: 'Caption', value: row.detail },
          ],
        },
        { type: 'Spacer' },
        ...(picked === row.id ? [{ type: 'Badge', label: 'Picked', color: 'success' } as WidgetComponent] : []),
      ],
    })),
  };
}

/** The bare root. */
export function galleryBasic(): WidgetRoot {
  return {
    type: 'Basic',
    direction: 'row',
    gap: 2,
    align: 'center',
    children: [
      { type: 'Icon', name: 'info', color: 'info' },
      { type: 'Caption', value: 'A Basic root: no card around it.' },
    ],
  };
}
