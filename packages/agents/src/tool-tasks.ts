import type { CustomTask, IconName } from '@chatwire/protocol';
import type { Runner, Tool } from '@openai/agents-core';
import { AgentContext } from './agent-context.js';
import { isClientTool } from './client-tool.js';

/** How a server tool call is shown: a custom task title (and icon), or `null` to show nothing. */
export type ToolTaskDescriber = (toolName: string) => { title: string; icon?: IconName } | null;

/** `read_page_context` → "Read page context"; `lookupOrder` → "Lookup order". */
export function describeToolByName(toolName: string): { title: string } {
  const words = toolName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
  const sentence = words.join(' ');
  return { title: sentence === '' ? toolName : sentence[0]!.toUpperCase() + sentence.slice(1) };
}

interface OpenTask {
  workflowId: string;
  index: number;
  task: CustomTask;
}

const OPEN_TASKS = new WeakMap<AgentContext, Map<string, OpenTask>>();

/**
 * Shows every server tool call as a custom workflow task: added as `loading` when the tool starts,
 * updated to `complete` when it returns. The run hooks fire synchronously around the tool, so the
 * task arrives before anything the tool streams itself (progress, widgets) and completes after it.
 * Client tools are left out: they become a `client_tool_call` item instead.
 */
export function attachToolTasks(runner: Runner, describe: ToolTaskDescriber = describeToolByName): void {
  runner.on('agent_tool_start', (runContext, _agent, tool, details) => {
    const context = runContext.context;
    if (!(context instanceof AgentContext) || !isServerFunctionTool(tool)) return;
    const shown = describe(tool.name);
    const callId = 'callId' in details.toolCall ? details.toolCall.callId : undefined;
    if (!shown || callId === undefined) return;
    const task: CustomTask = {
      type: 'custom',
      title: shown.title,
      status_indicator: 'loading',
      ...(shown.icon && { icon: shown.icon }),
    };
    const index = context.addWorkflowTask(task);
    const workflowId = context.openWorkflowId;
    if (workflowId === undefined) return;
    let open = OPEN_TASKS.get(context);
    if (!open) OPEN_TASKS.set(context, (open = new Map()));
    open.set(callId, { workflowId, index, task });
  });
  runner.on('agent_tool_end', (runContext, _agent, _tool, _result, details) => {
    const context = runContext.context;
    if (!(context instanceof AgentContext)) return;
    const callId = 'callId' in details.toolCall ? details.toolCall.callId : undefined;
    const open = callId === undefined ? undefined : OPEN_TASKS.get(context)?.get(callId);
    if (!open || callId === undefined) return;
    OPEN_TASKS.get(context)?.delete(callId);
    // A workflow closed meanwhile (the tool showed a widget) already finished its tasks.
    if (context.openWorkflowId !== open.workflowId) return;
    context.updateWorkflowTask({ ...open.task, status_indicator: 'complete' }, open.index);
  });
}

function isServerFunctionTool(tool: Tool<unknown>): boolean {
  return tool.type === 'function' && !isClientTool(tool);
}
