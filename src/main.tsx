import { render } from 'solid-js/web';
import { App } from './ui/App';
import { applyStoredTheme } from './services/theme';
import { requestPersistence } from './services/storage';
import './ui/styles.css';

applyStoredTheme();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);

// Ask once per start to keep the data; the answer is shown on the Settings page.
void requestPersistence();
