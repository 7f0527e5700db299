import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { configureTransport } from '@unlinked/client/reading';
import { i18nReady } from './i18n';
import { App } from './app';
import { applyStoredTheme } from './components/theme';
import './styles.css';

// The forum is this page's origin; the identity service is where its /.well-known/unlinked says (issue 15).
configureTransport({ discover: true });
applyStoredTheme();
await i18nReady;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
