export { runStoreConformance, type StoreFactory, type StoreUnderTest } from './store-conformance.js';
export { parseExact, parseEvent, parseSse, parseJsonResponse, parseErrorResponse, type JsonRequestType } from './wire-checks.js';
export { collectEvents, iterateEvents } from './events.js';
export { runEventBusConformance, type EventBusFactory, type EventBusUnderTest } from './event-bus-conformance.js';
