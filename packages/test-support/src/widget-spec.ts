/**
 * Every component type of the ChatKit widget spec, written out from the spec rather than taken
 * from our code, so a test that checks each has a view fails when one is missing.
 */
export const WIDGET_SPEC_COMPONENTS: readonly string[] = [
  'Card',
  'ListView',
  'ListViewItem',
  'Basic',
  'Box',
  'Row',
  'Col',
  'Text',
  'Title',
  'Caption',
  'Markdown',
  'Badge',
  'Button',
  'Image',
  'Icon',
  'Divider',
  'Spacer',
  'Form',
  'Input',
  'Textarea',
  'Select',
  'Checkbox',
  'RadioGroup',
  'DatePicker',
  'Label',
  'Table',
  'Chart',
  'Transition',
];
