import { ImportEvidence } from './ImportEvidence';
import { RecordRunForm } from './RecordRunForm';
import { RunsTable } from './RunsTable';
import './evidence.css';

export default function EvidencePage() {
  return (
    <section class="page evidence-page">
      <h1>Evidence</h1>
      <p class="muted">Every run of a piece of work (a code generation, a test run, a task attempt) is evidence: did it pass, and which nudges were applied?</p>
      <ImportEvidence />
      <div class="grid-2 evidence-grid">
        <RecordRunForm />
        <RunsTable />
      </div>
    </section>
  );
}
