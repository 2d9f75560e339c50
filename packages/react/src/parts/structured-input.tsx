import type { StructuredInput, StructuredInputItem } from '@chatwire/protocol';
import { useId, useRef, type FormEvent } from 'react';
import { useChatState, useRuntime } from '../context.js';
import { useStrings } from '../strings/use-strings.js';

/** What the user picked or wrote for each question of the form, by question id. */
function answersOf(form: HTMLFormElement, inputs: readonly StructuredInput[]): Record<string, { values: string[] }> {
  const data = new FormData(form);
  const answers: Record<string, { values: string[] }> = {};
  for (const input of inputs) {
    const values = data
      .getAll(input.id)
      .map((value) => (typeof value === 'string' ? value.trim() : ''))
      .filter(Boolean);
    answers[input.id] = { values };
  }
  return answers;
}

function Question({ input, disabled }: { input: StructuredInput; disabled: boolean }) {
  const id = useId();
  if (input.type === 'freeform') {
    return (
      <div className="cw-question">
        <label className="cw-question-text" htmlFor={id}>
          {input.question}
        </label>
        {input.description ? <p className="cw-question-hint">{input.description}</p> : null}
        <textarea id={id} className="cw-question-input" name={input.id} rows={2} disabled={disabled} />
      </div>
    );
  }
  return (
    <fieldset className="cw-question" disabled={disabled}>
      <legend className="cw-question-text">{input.question}</legend>
      <div className="cw-question-options">
        {input.options.map((option) => (
          <label key={option.value} className="cw-question-option">
            <input type={input.multiple ? 'checkbox' : 'radio'} name={input.id} value={option.value} />
            <span>{option.value}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Answered({ item }: { item: StructuredInputItem }) {
  const strings = useStrings();
  return (
    <dl className="cw-answers">
      {item.inputs.map((input) => (
        <div key={input.id}>
          <dt>{input.question}</dt>
          <dd data-skipped={input.answer?.skipped !== false || undefined}>
            {input.answer && !input.answer.skipped && input.answer.values.length
              ? input.answer.values.join(', ')
              : strings.skipped}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Questions the assistant asks (`structured_input`): multiple choice (one or several) and free
 * form. "Submit" sends the answers, "Skip" declines them (`threads.add_structured_input`); the
 * reply then continues. Once answered or skipped, the questions show with their answers.
 */
export function StructuredInputView({ item }: { item: StructuredInputItem }) {
  const { controller } = useRuntime();
  const strings = useStrings();
  const busy = useChatState((state) => state.status === 'streaming');
  const form = useRef<HTMLFormElement>(null);
  const submit = (status: 'answered' | 'skipped') => {
    if (controller.getState().status === 'streaming') return;
    const answers = status === 'answered' && form.current ? answersOf(form.current, item.inputs) : {};
    void controller.submitStructuredInput(item.id, { status, answers });
  };
  return (
    <div className="cw-item cw-structured" data-item-type="structured_input" data-item-id={item.id} data-status={item.status}>
      {item.status === 'pending' ? (
        <form
          ref={form}
          className="cw-questions"
          aria-label={strings.questions}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            submit('answered');
          }}
        >
          {item.inputs.map((input) => (
            <Question key={input.id} input={input} disabled={busy} />
          ))}
          <div className="cw-question-actions">
            <button
              type="button"
              className="cw-w-button"
              data-variant="outline"
              disabled={busy}
              onClick={() => submit('skipped')}
            >
              {strings.skipQuestions}
            </button>
            <button type="submit" className="cw-w-button" data-variant="solid" disabled={busy}>
              {strings.submitAnswers}
            </button>
          </div>
        </form>
      ) : (
        <Answered item={item} />
      )}
    </div>
  );
}
