import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'Plans and pricing',
  description:
    'Acme Notes plans: Free ($0, two devices, 1 GB), Plus ($8 a month, unlimited devices, 100 GB) and Team ($15 per user a month, 1 TB per user, workspace sharing).',
};

export default function Pricing() {
  return (
    <article>
      <h1>Plans and pricing</h1>
      <p className="lead">
        Every plan includes unlimited notes and end-to-end encrypted sync. Prices are per month, billed monthly or yearly (two
        months free).
      </p>

      <h2 id="plans">Compare the plans</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col">Price</th>
            <th scope="col">Devices</th>
            <th scope="col">Storage</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Free</td>
            <td>$0</td>
            <td>2</td>
            <td>1 GB</td>
          </tr>
          <tr>
            <td>Plus</td>
            <td>$8</td>
            <td>Unlimited</td>
            <td>100 GB</td>
          </tr>
          <tr>
            <td>Team</td>
            <td>$15 per user</td>
            <td>Unlimited</td>
            <td>1 TB per user</td>
          </tr>
        </tbody>
      </table>

      <h2 id="team">The Team plan</h2>
      <p>
        The Team plan costs <strong>$15 per user a month</strong> ($150 per user a year). It adds a shared workspace: notebooks
        can be shared with everyone in it at once, an admin sees who has access to what, and version history is kept without a
        time limit. Teams of 50 or more get a 20% discount.
      </p>

      <h2 id="changing">Changing or cancelling a plan</h2>
      <p>
        You can change plans at any time in <strong>Settings → Billing</strong>; the difference is prorated to the day. When you
        cancel, your notes stay readable and exportable; anything over the Free plan’s 1 GB stops syncing until you delete some of
        it.
      </p>

      <h2 id="refunds">Refunds</h2>
      <p>
        Yearly plans are refunded in full within 30 days of payment. Monthly plans are not refunded, but you can cancel any time.
      </p>
    </article>
  );
}
