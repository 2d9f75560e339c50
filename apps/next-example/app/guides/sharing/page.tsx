import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'Sharing notebooks',
  description:
    'Share an Acme Notes notebook: invite people to view, comment or edit, share links, and workspace sharing on the Team plan.',
};

export default function Sharing() {
  return (
    <article>
      <h1>Sharing notebooks</h1>
      <p className="lead">
        Share a whole notebook with the people you work with. Everyone sees the same notes, and changes appear on their devices as
        soon as they are made.
      </p>

      <h2 id="invite">Invite people</h2>
      <p>
        Open the notebook, choose <strong>Share</strong> and enter one or more email addresses. Pick what they may do:{' '}
        <em>view</em> (read only), <em>comment</em> (read and leave comments) or <em>edit</em> (change, add and delete notes).
        People without an account can view and comment after confirming their email address.
      </p>

      <h2 id="links">Share with a link</h2>
      <p>
        <strong>Share → Copy link</strong> makes a read-only link anyone can open without signing in. Links can expire after a
        day, a week or a month, and <strong>Stop sharing</strong> turns every link of the notebook off at once.
      </p>

      <h2 id="workspace">Workspace sharing on the Team plan</h2>
      <p>
        On the Team plan, a notebook can be shared with the whole workspace in one step. An admin sees every shared notebook and
        who can reach it in <strong>Admin → Access</strong>, and can take access away from people who leave the team.
      </p>

      <h2 id="ownership">Who owns a shared notebook</h2>
      <p>
        The person who created a notebook owns it and its storage counts against their plan. Ownership can be handed to anyone
        with edit access in <strong>Share → Transfer ownership</strong>.
      </p>
    </article>
  );
}
