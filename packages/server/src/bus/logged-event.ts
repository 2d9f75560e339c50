import { ThreadStreamEvent } from '@chatwire/protocol';

/** An event as a bus stores it outside the process: its wire JSON. */
export function encodeLoggedEvent(event: ThreadStreamEvent): string {
  return JSON.stringify(event);
}

/**
 * A stored event read back, parsed with the protocol schema as any input is; undefined when it
 * does not parse (the bus skips it rather than send a client something the protocol refuses).
 */
export function decodeLoggedEvent(text: string): ThreadStreamEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ThreadStreamEvent.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
