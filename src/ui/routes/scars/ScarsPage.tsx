export default function ScarsPage() {
  return (
    <section class="page">
      <h1>Scars</h1>
      <div class="not-built" data-testid="not-built">
        <p><strong>Not built yet.</strong> This page has no data to show in this release.</p>
        <p>Harms leave scars that decay but never vanish: bullshit bets, a crossed impact budget, a tripped veto. The Atlas of Scars will show each one, its decay curve and the tone of each area.</p>
      </div>
    </section>
  );
}
