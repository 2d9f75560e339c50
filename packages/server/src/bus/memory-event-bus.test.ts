import { runEventBusConformance } from '../testing/event-bus-conformance.js';
import { MemoryEventBus } from './memory-event-bus.js';

runEventBusConformance('memory', () => {
  const bus = new MemoryEventBus();
  return { a: bus, b: bus };
});
