import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'Working offline',
  description:
    'Acme Notes offline mode: notebooks opened in the last 30 days stay on the device, changes sync later, and conflicts keep both versions.',
};

export default function Offline() {
  return (
    <article>
      <h1>Working offline</h1>
      <p className="lead">
        Acme Notes works without a connection. What you write offline syncs the next time your device is online, with nothing for
        you to do.
      </p>

      <h2 id="kept">What stays on your device</h2>
      <p>
        Every notebook you have opened in the last 30 days is kept on the device, attachments included. To keep a notebook
        available for longer, choose <strong>Keep offline</strong> in its menu; it then stays until you turn that off.
      </p>

      <h2 id="sync">When you are back online</h2>
      <p>
        Changes sync in the order you made them. The sync icon in the sidebar shows a spinning arrow while it works and a red dot
        if the device cannot reach Acme Notes.
      </p>

      <h2 id="conflicts">Conflicts</h2>
      <p>
        If two people edited the same note while one of them was offline, both versions are kept and the note is marked{' '}
        <strong>Conflict</strong>. Open it, compare the two versions side by side and pick one, or merge them by hand.
      </p>

      <h2 id="troubleshooting">When sync stops</h2>
      <ol>
        <li>Check the sync icon in the sidebar: a red dot means the device is offline.</li>
        <li>Sign out and in again; this refreshes the device’s keys.</li>
        <li>
          If a notebook still does not sync, use <strong>Help → Send diagnostics</strong> and contact support.
        </li>
      </ol>
    </article>
  );
}
