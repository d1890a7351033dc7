import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { startServiceWorker } from './pwa/register';
import { isBusy, setBusy } from './pwa/busy';
import { exposeForDebug } from './debug';

const app = mount(App, { target: document.getElementById('app')! });
// Offline after the first visit (the shell, the wasm, and each model once used).
startServiceWorker();
exposeForDebug('pwa', { setBusy, isBusy });

export default app;
