/** A highlighted span: its highlight.js scope (`keyword`, `title.function`, …) and contents. */
export interface CodeNode {
  scope?: string;
  children: CodeChild[];
}
export type CodeChild = CodeNode | string;
