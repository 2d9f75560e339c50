import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatUi } from '../control.js';
import type { Entity } from '../options.js';
import { findMentionQuery, insertMention, type MentionQuery } from './mention-text.js';

export interface MentionMenuState {
  query: MentionQuery;
  results: readonly Entity[];
  loading: boolean;
  active: number;
}

/**
 * @-mentions in the message box: while the caret is in `@something`, `entities.onTagSearch`
 * (from the latest options) is asked for matches, newest question wins; ArrowUp/ArrowDown move
 * through them, Enter or Tab picks one (its `@Title` replaces the query and the entity is
 * remembered as a tag), Escape closes the list.
 */
export function useMentions(ui: ChatUi, enabled: boolean, setDraft: (text: string, caret: number) => void) {
  const [tags, setTags] = useState<readonly Entity[]>([]);
  const [menu, setMenu] = useState<MentionMenuState | null>(null);
  const asked = useRef(0);
  const menuRef = useRef(menu);
  menuRef.current = menu;

  const close = useCallback(() => {
    asked.current++;
    setMenu(null);
  }, []);

  /** Call after every edit and caret move. */
  const update = useCallback(
    (text: string, caret: number) => {
      const search = ui.latestOptions().entities?.onTagSearch;
      const query = enabled && search ? findMentionQuery(text, caret) : null;
      const open = menuRef.current;
      if (!query || !search) {
        if (open) close();
        return;
      }
      if (open && open.query.start === query.start && open.query.query === query.query) return;
      const token = ++asked.current;
      setMenu((before) => ({ query, results: before?.results ?? [], loading: true, active: 0 }));
      void Promise.resolve()
        .then(() => search(query.query))
        .then(
          (results) => {
            if (token === asked.current) setMenu({ query, results: results ?? [], loading: false, active: 0 });
          },
          () => {
            if (token === asked.current) setMenu({ query, results: [], loading: false, active: 0 });
          },
        );
    },
    [ui, enabled, close],
  );

  const pick = useCallback(
    (entity: Entity, text: string) => {
      const open = menuRef.current;
      if (!open) return;
      const next = insertMention(text, open.query, entity);
      setTags((list) => (list.some((tag) => tag.id === entity.id && tag.title === entity.title) ? list : [...list, entity]));
      close();
      setDraft(next.text, next.caret);
    },
    [close, setDraft],
  );

  /** Handles the keys the open list owns; returns whether it did. */
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTextAreaElement>, text: string): boolean => {
      const open = menuRef.current;
      if (!open) return false;
      const count = open.results.length;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close();
        return true;
      }
      if (count === 0) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setMenu({ ...open, active: (open.active + step + count) % count });
        return true;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        pick(open.results[open.active]!, text);
        return true;
      }
      return false;
    },
    [close, pick],
  );

  const clear = useCallback(() => {
    setTags([]);
    close();
  }, [close]);

  useEffect(() => () => void asked.current++, []);

  return { tags, menu, update, pick, onKeyDown, close, clear };
}
