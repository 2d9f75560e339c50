import { CloseIcon, MicIcon, StopIcon } from '../parts/icons.js';
import { useStrings } from '../strings/use-strings.js';
import type { DictationProblem, DictationState } from './use-dictation.js';

interface DictationButtonProps {
  state: DictationState;
  disabled: boolean;
  onStart: () => void;
  onStop: () => void;
}

/** "Dictate" starts recording; the same button, now "Stop dictation", ends it and the text is fetched. */
export function DictationButton({ state, disabled, onStart, onStop }: DictationButtonProps) {
  const strings = useStrings();
  const recording = state === 'recording';
  const busy = state === 'starting' || state === 'transcribing';
  const label = recording ? strings.stopDictation : busy && state === 'transcribing' ? strings.transcribing : strings.dictate;
  return (
    <>
      <button
        type="button"
        className="cw-icon-button cw-dictate"
        data-state={state}
        aria-label={label}
        title={label}
        aria-busy={busy || undefined}
        disabled={disabled || busy}
        onClick={recording ? onStop : onStart}
      >
        {recording ? <StopIcon /> : busy ? <span className="cw-spinner" aria-hidden="true" /> : <MicIcon />}
      </button>
      <span className="cw-visually-hidden" role="status">
        {state === 'transcribing' ? strings.transcribing : ''}
      </span>
    </>
  );
}

/** What went wrong with dictation, said once, dismissable; the message box works as before. */
export function DictationNote({ problem, onDismiss }: { problem: DictationProblem | null; onDismiss: () => void }) {
  const strings = useStrings();
  if (!problem) return null;
  const text =
    problem === 'unavailable'
      ? strings.dictationUnavailable
      : problem === 'microphone'
        ? strings.microphoneUnavailable
        : strings.dictationFailed;
  return (
    <div className="cw-composer-note" role="status">
      <p>{text}</p>
      <button type="button" className="cw-icon-button" aria-label={strings.dismiss} onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}
