import { createContext, useContext } from 'react';
import { en } from './en.js';
import type { Strings } from './strings.js';

/** The chat's words; English outside a chat, so parts like `<Markdown/>` work on their own. */
export const StringsContext = createContext<Strings>(en);

export function useStrings(): Strings {
  return useContext(StringsContext);
}
