import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, createBrowserRouter } from 'react-router-dom';
import { LANGUAGES } from './i18n';
import { CompanyPage } from './pages/company';
import { HomePage } from './pages/home';
import { PrivacyPage } from './pages/privacy';
import { ErrorMessage } from './components/ui';
import { ApiError } from './core/errors';

function Layout() {
  const { t, i18n } = useTranslation();
  const links = [
    ['/', 'nav.home'],
    ['/privacy', 'nav.privacy'],
  ] as const;
  return (
    <>
      <a href="#main" className="skip">
        {t('app.skip')}
      </a>
      <header className="top">
        <NavLink to="/" className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('nav.main')}>
          <ul>
            {links.map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end>
                  {t(key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <label className="lang">
          <span>{t('app.language')}</span>
          <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}

function NotFound() {
  return <ErrorMessage error={new ApiError('NOT_FOUND', 'not found')} />;
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/c/:slug', element: <CompanyPage /> },
      { path: '/privacy', element: <PrivacyPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
