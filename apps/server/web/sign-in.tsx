import { useId, useState, type FormEvent } from 'react';
import { signIn, type Session } from './session.js';

/** Development sign-in: a name is all it takes (the app's built-in identity provider). */
export function SignIn({ message, onSession }: { message: string | undefined; onSession: (session: Session) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    try {
      onSession(await signIn(trimmed));
    } catch {
      onSession({ state: 'signed-out', message: 'Could not reach the app. Try again.' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="sign-in" onSubmit={submit} aria-labelledby={`${nameId}-title`}>
      <h2 id={`${nameId}-title`}>Sign in to ask the assistant</h2>
      <p className="sign-in-note">Development sign-in: pick any name. Your conversations are kept for that name.</p>
      <label htmlFor={nameId}>Name</label>
      <input
        id={nameId}
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <button type="submit" disabled={busy || name.trim() === ''}>
        Sign in
      </button>
      {message ? (
        <p className="sign-in-message" role="alert">
          {message}
        </p>
      ) : null}
    </form>
  );
}
