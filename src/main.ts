import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { startServiceWorker } from './pwa/register';

const app = mount(App, { target: document.getElementById('app')! });
// Offline after the first visit (the shell, the wasm, and each model once used).
startServiceWorker();

export default app;
