import type { Entity } from '../options.js';
import { useStrings } from '../strings/use-strings.js';
import type { MentionMenuState } from './use-mentions.js';

/** The id of the `n`th suggestion, for the message box's `aria-activedescendant`. */
export const optionId = (menuId: string, n: number) => `${menuId}-${n}`;

interface MentionMenuProps {
  id: string;
  menu: MentionMenuState;
  onPick: (entity: Entity) => void;
}

/**
 * The @-mention suggestions, above the message box. Focus stays in the box (the list is its
 * `aria-activedescendant`), so typing goes on while the list follows.
 */
export function MentionMenu({ id, menu, onPick }: MentionMenuProps) {
  const strings = useStrings();
  const groups: { name: string | undefined; entries: { entity: Entity; index: number }[] }[] = [];
  menu.results.forEach((entity, index) => {
    const last = groups.at(-1);
    if (last && last.name === entity.group) last.entries.push({ entity, index });
    else groups.push({ name: entity.group, entries: [{ entity, index }] });
  });
  return (
    <div className="cw-popup cw-mention-menu" id={id} role="listbox" aria-label={strings.mentionSuggestions}>
      {menu.results.length === 0 ? (
        <p className="cw-popup-note" role="status">
          {menu.loading ? strings.searching : strings.noMatches}
        </p>
      ) : (
        groups.map((group, g) => (
          <div key={g} role="group" aria-label={group.name}>
            {group.name ? (
              <p className="cw-popup-heading" aria-hidden="true">
                {group.name}
              </p>
            ) : null}
            {group.entries.map(({ entity, index }) => (
              <div
                key={`${entity.id}-${index}`}
                id={optionId(id, index)}
                role="option"
                aria-selected={index === menu.active}
                className="cw-popup-item"
                // Keep the caret in the message box.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => onPick(entity)}
              >
                <span className="cw-avatar" aria-hidden="true">
                  {[...entity.title.trim()][0]?.toUpperCase() ?? '@'}
                </span>
                <span className="cw-popup-label">{entity.title}</span>
              </div>
            ))}
          </div>
        ))
      )}
    </div>
  );
}
