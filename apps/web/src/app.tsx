import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, createBrowserRouter, useLocation } from 'react-router-dom';
import { LANGUAGES } from './i18n';
import { ApiError } from '@unlinked/client';
import { ErrorMessage, noteNavigation } from './components/ui';
import { FollowingBadge } from './components/following';
import { FollowingPage } from './pages/following';
import { WhyAnonymousPage } from './pages/why-anonymous';
import { BoardPage } from './pages/board';
import { CompanyPage } from './pages/company';
import { HomePage } from './pages/home';
import { InterviewFormPage } from './pages/interview-form';
import { InterviewsPage } from './pages/interviews';
import { MinePage } from './pages/mine';
import { ModerationLogPage } from './pages/moderation-log';
import { ModerationPage } from './pages/moderation';
import { PrivacyPage } from './pages/privacy';
import { ReviewFormPage } from './pages/review-form';
import { CompanySalariesPage, SalaryComparePage, SalaryLookupPage } from './pages/salaries';
import { SalaryFormPage } from './pages/salary-form';
import { ThreadPage } from './pages/thread';
import { VerifyPage } from './pages/verify';
import { WalletPage } from './pages/wallet';
import { WalletProvider, useWallet } from './store/wallet-context';

/** Visible on every page while the wallet refills in the background. */
function RefillIndicator() {
  const { t } = useTranslation();
  const { progress } = useWallet();
  if (!progress) return null;
  return (
    <div className="refill" role="status" aria-live="polite">
      <span>
        {t(`wallet.kinds.${progress.kind}`)}: {t('wallet.filling', { done: progress.done, total: progress.total })}
      </span>
      <progress max={progress.total || 1} value={progress.done} aria-hidden="true" />
    </div>
  );
}

/** The main menu: a menu button opens it on narrow screens; staff links only for staff sessions. */
function MainNav() {
  const { t } = useTranslation();
  const { session } = useWallet();
  const [open, setOpen] = useState(false);
  const here = useLocation().key;
  const [seen, setSeen] = useState(here);
  // A navigation closes the menu.
  if (here !== seen) {
    setSeen(here);
    setOpen(false);
  }
  const staff = session?.account.role === 'Moderator' || session?.account.role === 'Admin';
  const links: (readonly [string, string])[] = [
    ['/', 'nav.home'],
    // Verified: the page shows the account and what to do next, not "verify" again.
    ['/verify', session ? 'nav.account' : 'nav.verify'],
    ['/wallet', 'nav.wallet'],
    ['/mine', 'nav.mine'],
    ['/following', 'following.nav'],
    ['/salaries', 'nav.salaries'],
    ...(staff
      ? ([
          ['/moderation', 'nav.moderation'],
          ['/moderation/log', 'nav.log'],
        ] as const)
      : []),
    ['/privacy', 'nav.privacy'],
  ];
  return (
    <nav aria-label={t('nav.main')} className={open ? 'open' : undefined}>
      <button
        type="button"
        className="menu-button secondary"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
      >
        ☰ {t('nav.menu')}
      </button>
      <ul id="main-menu">
        {links.map(([to, key]) => (
          <li key={to}>
            <NavLink to={to} end>
              {t(key)}
              {to === '/following' && <FollowingBadge />}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Layout() {
  const { t, i18n } = useTranslation();
  return (
    <WalletProvider>
      <a href="#main" className="skip">
        {t('app.skip')}
      </a>
      <header className="top">
        <NavLink to="/" className="brand">
          {t('app.name')}
        </NavLink>
        <MainNav />
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
      <RefillIndicator />
      <main id="main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <NavLink to="/why-anonymous">{t('whyAnonymous.link')}</NavLink>
      </footer>
    </WalletProvider>
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
      { path: '/c/:slug/board', element: <BoardPage /> },
      { path: '/c/:slug/review', element: <ReviewFormPage /> },
      { path: '/c/:slug/review/:id/edit', element: <ReviewFormPage /> },
      { path: '/c/:slug/salaries', element: <CompanySalariesPage /> },
      { path: '/c/:slug/salary', element: <SalaryFormPage /> },
      { path: '/salaries', element: <SalaryLookupPage /> },
      { path: '/salaries/compare', element: <SalaryComparePage /> },
      { path: '/c/:slug/interviews', element: <InterviewsPage /> },
      { path: '/c/:slug/interview', element: <InterviewFormPage /> },
      { path: '/b/:board', element: <BoardPage /> },
      { path: '/t/:id', element: <ThreadPage /> },
      { path: '/verify', element: <VerifyPage /> },
      { path: '/wallet', element: <WalletPage /> },
      { path: '/mine', element: <MinePage /> },
      { path: '/moderation', element: <ModerationPage /> },
      { path: '/moderation/log', element: <ModerationLogPage /> },
      { path: '/privacy', element: <PrivacyPage /> },
      { path: '/following', element: <FollowingPage /> },
      { path: '/why-anonymous', element: <WhyAnonymousPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

router.subscribe((state, opts) => {
  if (state.navigation.state === 'idle' && state.historyAction !== 'POP') noteNavigation();
  void opts;
});
