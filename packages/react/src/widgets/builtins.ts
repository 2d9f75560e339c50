import type { ComponentType } from 'react';
import { ChartNode } from './chart-node.js';
import {
  ButtonNode,
  CheckboxNode,
  DatePickerNode,
  InputNode,
  RadioGroupNode,
  SelectNode,
  TextareaNode,
} from './control-nodes.js';
import { BoxNode, DividerNode, FormNode, ListViewItemNode, SpacerNode, TransitionNode } from './layout-nodes.js';
import { IconNode, ImageNode } from './media-nodes.js';
import { BasicNode, CardNode, ListViewNode } from './root-nodes.js';
import { TableNode } from './table-node.js';
import { BadgeNode, CaptionNode, LabelNode, MarkdownNode, TextNode, TitleNode } from './text-nodes.js';
import type { NodeProps } from './types.js';

/** The view of every component type of the widget spec. */
export const BUILTIN_COMPONENTS: Readonly<Record<string, ComponentType<NodeProps>>> = {
  Card: CardNode,
  ListView: ListViewNode,
  ListViewItem: ListViewItemNode,
  Basic: BasicNode,
  Box: BoxNode,
  Row: BoxNode,
  Col: BoxNode,
  Form: FormNode,
  Spacer: SpacerNode,
  Divider: DividerNode,
  Transition: TransitionNode,
  Text: TextNode,
  Title: TitleNode,
  Caption: CaptionNode,
  Markdown: MarkdownNode,
  Label: LabelNode,
  Badge: BadgeNode,
  Image: ImageNode,
  Icon: IconNode,
  Button: ButtonNode,
  Input: InputNode,
  Textarea: TextareaNode,
  Select: SelectNode,
  Checkbox: CheckboxNode,
  RadioGroup: RadioGroupNode,
  DatePicker: DatePickerNode,
  Table: TableNode,
  Chart: ChartNode,
};
