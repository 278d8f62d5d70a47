import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { calibrationData, type CalibrationData } from '../../../services/bets';
import { useLive } from '../../components/useLive';
import { ReliabilityChart } from '../../charts/ReliabilityChart';
import { RollingBrierChart } from '../../charts/RollingBrierChart';
import { LogRatioHistogram } from '../../charts/LogRatioHistogram';
import { ScoreCards } from './ScoreCards';
import { ForecastSection } from './ForecastSection';
import '../bets/bets.css';
import './calibration.css';

const ROLLING_WINDOW = 10;

export default function CalibrationPage() {
  const data = useLive<CalibrationData | undefined>(calibrationData(), undefined);
  return (
    <section class="page calibration-page">
      <h1>Calibration</h1>
      <p class="muted lede">
        When you say 75%, do three in four of those bets come in on time? Scores use the confidence you stated, not the effective one.
      </p>
      <Show when={data()} fallback={<p class="muted" role="status">Loading…</p>}>
        {(d) => (
          <Show
            when={d().summary.bets > 0}
            fallback={
              <div class="empty-state" data-testid="calibration-empty">
                <p>
                  No resolved bets yet. Calibration needs outcomes: place bets and resolve them on the <A href="/bets">Bets</A> page.
                </p>
              </div>
            }
          >
            <ScoreCards data={d()} />
            <div class="chart-grid">
              <section class="card">
                <h2>Reliability</h2>
                <ReliabilityChart bins={d().bins} />
              </section>
              <section class="card">
                <h2>Am I getting better?</h2>
                <RollingBrierChart points={d().rolling} baseline={d().summary.baselineBrier} window={ROLLING_WINDOW} />
              </section>
              <section class="card">
                <h2>Estimation accuracy</h2>
                <Show when={d().accuracy.n > 0} fallback={<p class="empty">No completed bets yet: abandoned tasks have no finishing time to compare.</p>}>
                  <LogRatioHistogram histogram={d().accuracy.histogram} medianRatio={d().accuracy.medianRatio} n={d().accuracy.n} />
                </Show>
              </section>
            </div>
          </Show>
        )}
      </Show>
      <ForecastSection />
    </section>
  );
}
