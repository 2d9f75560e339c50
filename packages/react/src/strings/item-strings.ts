/** Words of the rich items: widgets, workflows and tasks, structured input, client tools, images. */
export interface ItemStrings {
  // ── Widgets ──
  widgetShowMore: (hidden: number) => string;
  widgetShowLess: string;
  widgetChoose: string;
  widgetUnsupported: (type: string) => string;
  widgetChart: (series: string) => string;

  // ── Workflows and tasks ──
  workflowWorking: string;
  workflowReasoning: string;
  workflowSteps: string;
  workedFor: (seconds: number) => string;
  taskInProgress: string;
  taskDone: string;
  taskStep: string;
  taskThought: string;
  taskWebSearch: string;
  searchedFor: (query: string) => string;
  taskFiles: string;
  taskImage: string;

  // ── Structured input ──
  questions: string;
  submitAnswers: string;
  skipQuestions: string;
  yourAnswer: string;
  skipped: string;

  // ── Client tools and generated images ──
  toolRunning: (name: string) => string;
  toolDone: (name: string) => string;
  generatingImage: string;
  generatedImage: string;
}
