import type { ItemStrings } from './item-strings.js';

/**
 * Every word the chat UI shows or announces, by what it is for. One object per language
 * (`en.ts`, `de.ts`, `ar.ts`); a string that depends on a value is a function of it, so each
 * language can put the value where its grammar wants it. Accessible names in English are the
 * handles tests find things by (docs/react.md), so English keys keep those exact words.
 */
export interface ChatStrings {
  // ── Thread list ──
  threads: string;
  newChat: string;
  untitled: string;
  loadingThreads: string;
  showMoreThreads: string;
  showThreads: string;
  hideThreads: string;
  rename: string;
  renameThread: (title: string) => string;
  threadTitle: string;
  delete: string;
  deleteThread: (title: string) => string;
  confirmDelete: (title: string) => string;
  confirmDeleteYes: string;
  cancel: string;

  // ── Messages ──
  conversation: string;
  loadingThread: string;
  loadingOlder: string;
  showOlder: string;
  yourMessage: string;
  reply: string;
  replyActions: string;
  copy: string;
  copied: string;
  retry: string;
  goodResponse: string;
  badResponse: string;
  sources: string;
  source: (n: number) => string;
  copyCode: string;
  plainText: string;
  checkboxDone: string;
  checkboxNotDone: string;
  image: string;
  openAttachment: (name: string) => string;

  // ── Notices and errors ──
  dismissNotice: string;
  dismissError: string;
  genericError: string;

  // ── Start screen ──
  greeting: string;
  suggestions: string;

  // ── Composer ──
  /** The message box's name, and its placeholder unless the options give one. */
  message: string;
  send: string;
  stop: string;
  threadClosed: string;
  threadLocked: string;
  attachFiles: string;
  attachments: string;
  removeAttachment: (name: string) => string;
  uploading: string;
  uploadFailed: string;
  dropFiles: string;
  tooManyFiles: (max: number) => string;
  fileTooLarge: (name: string, limit: string) => string;
  fileNotAccepted: (name: string) => string;
  dismiss: string;
  tools: string;
  removeTool: (label: string) => string;
  model: string;
  mention: string;
  mentionSuggestions: string;
  noMatches: string;
  searching: string;
  dictate: string;
  stopDictation: string;
  transcribing: string;
  dictationUnavailable: string;
  microphoneUnavailable: string;
  dictationFailed: string;
}

/**
 * The whole table. Other UI modules (widgets, workflows) add their own interface here with
 * `extends`, and each language file spreads in that module's table, so `Strings` stays one
 * object the chat looks words up in.
 */
export type Strings = ChatStrings & ItemStrings;
