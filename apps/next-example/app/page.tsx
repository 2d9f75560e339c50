import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = {
  title: 'Getting started',
  description: 'Start with Acme Notes: notebooks, notes and checklists that sync across your devices, and where to go next.',
};

export default function GettingStarted() {
  return (
    <article>
      <h1>Getting started with Acme Notes</h1>
      <p className="lead">
        Acme Notes keeps your notes, checklists and files in notebooks that sync across your phone, tablet and computer. This
        guide gets you from a new account to a notebook you share with your team.
      </p>

      <h2 id="first-notebook">Create your first notebook</h2>
      <p>
        After you sign up, Acme Notes opens an empty notebook called <strong>Inbox</strong>. Press <kbd>Ctrl</kbd> + <kbd>N</kbd>{' '}
        for a new note, or choose <strong>New notebook</strong> in the sidebar to start a separate one for a project. Notebooks
        can hold any number of notes; a note can hold text, checklists, images and files up to 200 MB each.
      </p>

      <h2 id="install">Install the apps</h2>
      <p>
        Acme Notes runs in the browser and as apps for Windows, macOS, Linux, iOS and Android. Sign in with the same account on
        each device and your notebooks appear within seconds. The Free plan syncs two devices; every paid plan syncs as many as
        you like (see <Link href="/pricing">Plans and pricing</Link>).
      </p>

      <h2 id="shortcuts">Keyboard shortcuts</h2>
      <ul>
        <li>
          <kbd>Ctrl</kbd> + <kbd>N</kbd>: new note
        </li>
        <li>
          <kbd>Ctrl</kbd> + <kbd>K</kbd>: search everything
        </li>
        <li>
          <kbd>Ctrl</kbd> + <kbd>Shift</kbd> + <kbd>C</kbd>: turn the line into a checklist item
        </li>
        <li>
          <kbd>Ctrl</kbd> + <kbd>/</kbd>: show every shortcut
        </li>
      </ul>
      <p>
        On a Mac, use <kbd>Cmd</kbd> instead of <kbd>Ctrl</kbd>.
      </p>

      <h2 id="next">Where to go next</h2>
      <ul>
        <li>
          <Link href="/guides/sharing">Sharing notebooks</Link>: invite people to view, comment on or edit a notebook.
        </li>
        <li>
          <Link href="/guides/offline">Working offline</Link>: what stays on your device and how conflicts are settled.
        </li>
      </ul>
    </article>
  );
}
