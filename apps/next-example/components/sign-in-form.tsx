'use client';

import { useId, useState, type FormEvent } from 'react';

/**
 * Development sign-in: a name is all it takes. The site's own route asks the Chatwire app's
 * development identity provider for a token, server to server, and keeps it in an httpOnly
 * cookie; this form only ever sees the name.
 */
export function SignInForm({ message, onSignedIn }: { message: string | undefined; onSignedIn: () => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '' || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const response = await fetch('/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: trimmed }),
      });
      if (response.ok) return onSignedIn();
      const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      setFailure(body?.error?.message ?? `Sign-in failed (${response.status}).`);
    } catch {
      setFailure('Could not reach this site. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const shown = failure ?? message;
  return (
    <form className="sign-in" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sign in to ask the assistant</h2>
      <p className="sign-in-note">
        Development sign-in: pick any name. Your conversations are kept for that name, and your session stays in an httpOnly
        cookie that this page’s scripts cannot read.
      </p>
      <label htmlFor={id}>Name</label>
      <input
        id={id}
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
      {shown ? (
        <p className="sign-in-message" role="alert">
          {shown}
        </p>
      ) : null}
    </form>
  );
}
