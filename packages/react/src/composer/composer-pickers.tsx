import type { ComposerModelOption, ComposerToolOption } from '../options.js';
import { ChevronIcon, CloseIcon, ToolsIcon } from '../parts/icons.js';
import { useStrings } from '../strings/use-strings.js';
import { MenuButton } from './menu-button.js';

interface ToolPickerProps {
  tools: readonly ComposerToolOption[];
  selected: string | null;
  onSelect: (toolId: string | null) => void;
  disabled: boolean;
}

/**
 * `composer.tools`: pinned tools as toggle buttons, the rest in a "Tools" menu; the selected one
 * (if it is not pinned) as a chip that removes it.
 */
export function ToolPicker({ tools, selected, onSelect, disabled }: ToolPickerProps) {
  const strings = useStrings();
  const pinned = tools.filter((tool) => tool.pinned);
  const listed = tools.filter((tool) => !tool.pinned);
  const chosen = listed.find((tool) => tool.id === selected);
  return (
    <>
      {listed.length > 0 ? (
        <MenuButton
          label={strings.tools}
          className="cw-icon-button"
          choices={listed}
          selected={selected}
          disabled={disabled}
          onSelect={(id) => onSelect(id === selected ? null : id)}
        >
          <ToolsIcon />
        </MenuButton>
      ) : null}
      {pinned.map((tool) => (
        <button
          key={tool.id}
          type="button"
          className="cw-pill"
          aria-pressed={tool.id === selected}
          disabled={disabled}
          onClick={() => onSelect(tool.id === selected ? null : tool.id)}
        >
          {tool.shortLabel ?? tool.label}
        </button>
      ))}
      {chosen ? (
        <span className="cw-pill cw-tool-chip" data-selected>
          <span>{chosen.shortLabel ?? chosen.label}</span>
          <button
            type="button"
            className="cw-pill-remove"
            aria-label={strings.removeTool(chosen.label)}
            title={strings.removeTool(chosen.label)}
            onClick={() => onSelect(null)}
          >
            <CloseIcon />
          </button>
        </span>
      ) : null}
    </>
  );
}

/** The model to ask first: the options' default, else the first that is not disabled. */
export function defaultModel(models: readonly ComposerModelOption[]): string | undefined {
  return (models.find((model) => model.default && !model.disabled) ?? models.find((model) => !model.disabled))?.id;
}

interface ModelPickerProps {
  models: readonly ComposerModelOption[];
  selected: string | undefined;
  onSelect: (modelId: string) => void;
  disabled: boolean;
}

/** `composer.models`: a button naming the chosen model, opening the list with descriptions. */
export function ModelPicker({ models, selected, onSelect, disabled }: ModelPickerProps) {
  const strings = useStrings();
  const current = models.find((model) => model.id === selected);
  return (
    <MenuButton
      label={current ? `${strings.model}: ${current.label}` : strings.model}
      className="cw-model-button"
      align="end"
      choices={models}
      selected={selected}
      disabled={disabled}
      onSelect={onSelect}
    >
      <span className="cw-model-label">{current?.label ?? strings.model}</span>
      <ChevronIcon />
    </MenuButton>
  );
}
