export default function BetsPage() {
  return (
    <section class="page">
      <h1>Bets</h1>
      <div class="not-built" data-testid="not-built">
        <p><strong>Not built yet.</strong> This page has no data to show in this release.</p>
        <p>Estimate → bet: every task estimate becomes a wager with hours, confidence, a stake and the principles you cite. Resolving it moves your credibility, settles focus tokens with an adversary at fair odds and scores your calibration.</p>
      </div>
    </section>
  );
}
