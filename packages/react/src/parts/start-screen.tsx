import { useRuntime, useSettings } from '../context.js';
import type { StartScreenPrompt } from '../options.js';
import { useStrings } from '../strings/use-strings.js';

/** A new chat: the greeting and the suggested prompts. */
export function StartScreen() {
  const { controller } = useRuntime();
  const { greeting, prompts } = useSettings();
  const strings = useStrings();
  const send = (prompt: StartScreenPrompt) => {
    if (controller.getState().status === 'streaming') return;
    void controller.sendMessage(typeof prompt.prompt === 'string' ? { text: prompt.prompt } : { content: prompt.prompt });
  };
  return (
    <div className="cw-start">
      <h2 className="cw-greeting">{greeting ?? strings.greeting}</h2>
      {prompts.length > 0 ? (
        <ul className="cw-prompts" aria-label={strings.suggestions}>
          {prompts.map((prompt, i) => (
            <li key={i}>
              <button type="button" className="cw-prompt" onClick={() => send(prompt)}>
                {prompt.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
