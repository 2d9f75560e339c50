export { ChatwireChatElement, defineChatwireChat } from './chatwire-chat-element.js';
export { effectiveOptions, optionsFromAttributes, ELEMENT_ATTRIBUTES } from './element-options.js';
