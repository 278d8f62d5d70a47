import { render } from 'solid-js/web';
import { App } from './ui/App';
import { applyStoredTheme } from './services/theme';
import { requestPersistence } from './services/storage';
import { startQuarantineReporting } from './services/quarantine';
import './ui/styles.css';

applyStoredTheme();
// Before anything opens a spec: unreadable stored edits found while loading are recorded and shown.
startQuarantineReporting();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);

// Ask once per start to keep the data; the answer is shown on the Settings page.
void requestPersistence();
// Shared specs reconnect in the background (the peer code loads only if there are some).
void import('./services/specs/sharedList').then((m) => m.resumeSharedSessionsWhenAny());
// A linked folder syncs from any page; its code loads only after the first render.
void import('./services/linkedFolder/runner').then((m) => m.startFolderLink());
// Paired devices exchange records from any page (their code loads only once there is a pairing).
void import('./services/devices/exchangeWhenPaired').then((m) => m.exchangeWhenPaired());
