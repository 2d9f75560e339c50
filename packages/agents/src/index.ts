export { AgentResponder, type AgentResponderOptions, type ChatAgent } from './agent-responder.js';
export { streamAgentResponse, DEFAULT_GUARDRAIL_MESSAGE, type StreamAgentResponseOptions } from './stream-agent-response.js';
export { AgentContext, type TaskInput, type WorkflowInput, type PendingClientToolCall } from './agent-context.js';
export { ResponseSink } from './response-sink.js';
export { StreamConverter, type ConverterHooks } from './stream-converter.js';
export {
  toAnnotation,
  type CitationHooks,
  type UrlCitation,
  type FileCitation,
  type ContainerFileCitation,
} from './annotations.js';
export type { ImageHooks } from './generated-images.js';
export { clientTool, isClientTool, withClientToolStops, CLIENT_TOOL_HANDOVER, type ClientToolOptions } from './client-tool.js';
export { attachToolTasks, describeToolByName, type ToolTaskDescriber } from './tool-tasks.js';
export {
  threadItemsToInput,
  threadItemToInput,
  isNote,
  attachmentNote,
  NOTE_PREFIXES,
  type ItemConversionHooks,
  type ItemPosition,
} from './thread-items-to-input.js';
export {
  buildHistory,
  estimateTokens,
  DEFAULT_HISTORY_BUDGET,
  IMAGE_TOKENS,
  type History,
  type HistoryBudget,
} from './history-budget.js';
export {
  imageAttachmentsAsInput,
  sniffImageType,
  DEFAULT_MAX_IMAGE_BYTES,
  type ImageAttachmentOptions,
} from './attachment-images.js';
export { pickedModel, withToolChoice } from './inference-choices.js';
export {
  modelContextFrom,
  pageContextFrom,
  MODEL_CONTEXT_LIMITS,
  type ModelContextData,
  type PageContextData,
} from './model-context.js';
export {
  CONTEXT_TAG,
  CONTEXT_INSTRUCTION,
  renderContextBlock,
  parseContextBlock,
  contextMessage,
  withContextInstruction,
} from './context-block.js';
export {
  modelConfigFromEnv,
  createModel,
  modelFromEnv,
  ModelConfigError,
  DEFAULT_MODEL,
  PLACEHOLDER_API_KEY,
  type ModelConfig,
  type ModelApi,
  type ModelEnv,
  type ResolvedModel,
  type CreateModelOptions,
} from './model-config.js';
export { OfflineModel, PAGE_CONTEXT_TOOL, type OfflineModelOptions } from './offline-model.js';
export { OFFLINE_NOTICE } from './offline-notice.js';
export { readPageContext } from './page-context-tool.js';
export { createDefaultAssistant, DEFAULT_INSTRUCTIONS, type DefaultAssistantOptions } from './default-assistant.js';
export { deriveTitle, cleanTitle, modelTitle, TITLE_INSTRUCTIONS } from './titles.js';
export { toModelFailure, isGuardrailTrip, ModelStreamError, type ModelFailureKind } from './model-errors.js';
export { UsageMeter, type ReplyUsage, type ReportedUsage } from './usage-meter.js';
export { checkedModel } from './checked-model.js';
export {
  McpServerConfig,
  McpServerList,
  McpAuth,
  mcpToolName,
  needsApproval,
  type McpServerConfigInput,
} from './mcp/mcp-server-config.js';
export { type McpCredentials, redact } from './mcp/mcp-credentials.js';
export { McpToolset, unavailableNotice, type McpOptions } from './mcp/mcp-toolset.js';
export { probeMcpServer } from './mcp/mcp-probe.js';
export { MemoryToolApprovalStore, type ToolApprovalStore, type PendingToolApproval } from './approvals/tool-approval-store.js';
export { APPROVAL_ACTION, approvalCard, type ApprovalDecision } from './approvals/approval-card.js';
export { DENIED_MESSAGE, NOT_PENDING_NOTICE } from './approvals/approval-flow.js';
