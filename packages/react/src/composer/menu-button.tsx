import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuChoice {
  id: string;
  label: string;
  description?: string | undefined;
  disabled?: boolean | undefined;
}

interface MenuButtonProps {
  /** The button's accessible name. */
  label: string;
  /** What the button shows. */
  children: ReactNode;
  className?: string;
  choices: readonly MenuChoice[];
  /** The checked choice's id. */
  selected: string | null | undefined;
  onSelect: (id: string) => void;
  disabled?: boolean;
  /** Which edge of the button the menu lines up with (default: its start). */
  align?: 'start' | 'end';
}

/**
 * A button that opens a menu of choices (one may be checked), above it. Arrow keys, Home and End
 * move, Enter or Space picks, Escape closes and gives focus back to the button; a click outside
 * or Tab closes it.
 */
export function MenuButton({ label, children, className, choices, selected, onSelect, disabled, align }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  items.current.length = choices.length;

  useEffect(() => {
    if (!open) return;
    const start = Math.max(
      0,
      choices.findIndex((choice) => choice.id === selected && !choice.disabled),
    );
    items.current[start]?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open, choices, selected]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const enabled = items.current.filter((item): item is HTMLButtonElement => item !== null && !item.disabled);
    const index = enabled.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      enabled[(to + enabled.length) % enabled.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(enabled.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <div className="cw-menu-anchor">
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children}
      </button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          className="cw-popup cw-menu"
          data-align={align}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKeyDown}
        >
          {choices.map((choice, i) => (
            <button
              key={choice.id}
              ref={(element) => {
                items.current[i] = element;
              }}
              type="button"
              role="menuitemradio"
              aria-checked={choice.id === selected}
              className="cw-popup-item"
              disabled={choice.disabled}
              onClick={() => {
                onSelect(choice.id);
                close(true);
              }}
            >
              <span className="cw-popup-check" aria-hidden="true" />
              <span className="cw-popup-text">
                <span className="cw-popup-label">{choice.label}</span>
                {choice.description ? <span className="cw-popup-description">{choice.description}</span> : null}
              </span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
