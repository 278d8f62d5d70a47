export default function GovernancePage() {
  return (
    <section class="page">
      <h1>Governance</h1>
      <div class="not-built" data-testid="not-built">
        <p><strong>Not built yet.</strong> This page has no data to show in this release.</p>
        <p>Automation acts only within a frozen constitution: trust levels, approval gates, a pause with a veto before high-impact actions, an impact budget, consent that silence never grants, and a verifiable Merkle log.</p>
      </div>
    </section>
  );
}
