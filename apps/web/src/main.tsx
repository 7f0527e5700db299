import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { configureTransport } from '@unlinked/client';
import './i18n';
import { router } from './app';
import './styles.css';

// The forum is this page's origin; the identity service is where its /.well-known/unlinked says (issue 15).
configureTransport({ discover: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
