import { lazy, Suspense, useLayoutEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigationType, useRoutes, type RouteObject } from 'react-router-dom';
import { LANGUAGES } from './i18n';
import { ApiError } from '@unlinked/client/reading';
import { ErrorMessage, PageSkeleton, noteNavigation } from './components/ui';
import { ThemeToggle } from './components/theme';
import { WalletProvider, useWallet } from './store/wallet-context';

/**
 * Every page is its own chunk, loaded on first visit: the first load carries only the shell
 * (the write flows and their crypto come with the pages that write, see store/wallet-context.tsx).
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const BoardPage = page(() => import('./pages/board'), 'BoardPage');
const CompanyPage = page(() => import('./pages/company'), 'CompanyPage');
const HomePage = page(() => import('./pages/home'), 'HomePage');
const InterviewFormPage = page(() => import('./pages/interview-form'), 'InterviewFormPage');
const InterviewsPage = page(() => import('./pages/interviews'), 'InterviewsPage');
const MinePage = page(() => import('./pages/mine'), 'MinePage');
const ModerationLogPage = page(() => import('./pages/moderation-log'), 'ModerationLogPage');
const ModerationPage = page(() => import('./pages/moderation'), 'ModerationPage');
const PrivacyPage = page(() => import('./pages/privacy'), 'PrivacyPage');
const ReviewFormPage = page(() => import('./pages/review-form'), 'ReviewFormPage');
const CompanySalariesPage = page(() => import('./pages/salaries'), 'CompanySalariesPage');
const SalaryComparePage = page(() => import('./pages/salaries'), 'SalaryComparePage');
const SalaryLookupPage = page(() => import('./pages/salaries'), 'SalaryLookupPage');
const SalaryFormPage = page(() => import('./pages/salary-form'), 'SalaryFormPage');
const ThreadPage = page(() => import('./pages/thread'), 'ThreadPage');
const VerifyPage = page(() => import('./pages/verify'), 'VerifyPage');
const WalletPage = page(() => import('./pages/wallet'), 'WalletPage');
// The menu's "N new" badge checks followed items after the first render; its code need not delay it.
const FollowingBadge = page(() => import('./components/following'), 'FollowingBadge');
const FollowingPage = page(() => import('./pages/following'), 'FollowingPage');
const WhyAnonymousPage = page(() => import('./pages/why-anonymous'), 'WhyAnonymousPage');

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
              {to === '/following' && (
                <Suspense fallback={null}>
                  <FollowingBadge />
                </Suspense>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Layout() {
  const { t, i18n } = useTranslation();
  // An in-app navigation (not the first page of a visit, nor back and forward) moves focus to the new heading: noted
  // before the page's own effects run.
  const { key } = useLocation();
  const navigation = useNavigationType();
  useLayoutEffect(() => {
    if (navigation !== 'POP') noteNavigation();
  }, [key, navigation]);
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
        <div className="header-tools">
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
          <ThemeToggle />
        </div>
      </header>
      <RefillIndicator />
      <main id="main">
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
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

const routes: RouteObject[] = [
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
];

/** The app inside a BrowserRouter: plain routes (no data router, whose code the first load would carry). */
export function App() {
  return useRoutes(routes);
}
