import { useState } from 'react';
import { Link, Outlet } from 'react-router';
import { cn } from '../../lib/cn';
import { Sidebar } from './Sidebar';
import { UserMenu } from './UserMenu';

function Brand() {
  return (
    <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight text-neutral-900">
      <img src="/favicon.svg" alt="" className="size-6" />
      AI Gateway
    </Link>
  );
}

/** The signed-in layout: sidebar navigation, a header with the account, the page. */
export function AppShell() {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="min-h-screen md:flex">
      <aside
        className={cn(
          'fixed inset-y-0 left-0 z-30 w-64 overflow-y-auto border-r border-neutral-200 bg-white md:static md:block md:shrink-0',
          menuOpen ? 'block' : 'hidden',
        )}
      >
        <div className="flex h-14 items-center border-b border-neutral-200 px-5">
          <Brand />
        </div>
        <Sidebar onNavigate={() => setMenuOpen(false)} />
      </aside>
      {menuOpen ? <div className="fixed inset-0 z-20 bg-neutral-900/30 md:hidden" aria-hidden="true" onClick={() => setMenuOpen(false)} /> : null}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex h-14 items-center justify-between gap-4 border-b border-neutral-200 bg-white/90 px-4 backdrop-blur md:px-8">
          <div className="flex items-center gap-3 md:hidden">
            <button
              type="button"
              className="rounded-md p-1.5 text-neutral-600 hover:bg-neutral-100"
              aria-label={menuOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen((open) => !open)}
            >
              <svg viewBox="0 0 20 20" className="size-5" fill="currentColor" aria-hidden="true">
                <path fillRule="evenodd" d="M3 5h14v1.5H3V5Zm0 4.25h14v1.5H3v-1.5Zm0 4.25h14V15H3v-1.5Z" />
              </svg>
            </button>
            <Brand />
          </div>
          <div className="hidden md:block" />
          <UserMenu />
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 md:px-8">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
