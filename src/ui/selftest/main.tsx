import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SelfTestPage } from './SelfTestPage';
import '../app.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SelfTestPage />
  </StrictMode>,
);
