import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initHosts } from './store/hostActions';
import { initRunActions } from './store/runActions';
import { installScriptApi } from './store/scriptApi';
import './styles/theme.css';
import './styles/studio.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
installScriptApi(window);
void initRunActions();
initHosts();
