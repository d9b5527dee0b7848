import type { StateCreator } from 'zustand';
import type { RelayState, UiSlice } from './relay-state.js';

/** The pages, in the order of the navigation bar. */
export const pages = [
  'overview',
  'models',
  'playground',
  'routing',
  'history',
  'providers',
  'clients',
] as const;
export type Page = (typeof pages)[number];

const themeKey = 'switchboard.theme';

function initialPage(): Page {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (pages as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

function initialTheme(): 'light' | 'dark' {
  const stored = window.localStorage.getItem(themeKey);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function show(page: Page): void {
  if (window.location.hash !== `#/${page}`)
    window.history.replaceState(window.history.state, '', `#/${page}`);
}

/**
 * Which page is shown (mirrored in the URL fragment, `#/history`), the theme, and the guard a page
 * with unsaved changes sets: leaving it then waits for the user's answer (`pendingPage`).
 */
export const createUiSlice: StateCreator<RelayState, [], [], UiSlice> = (set, get) => ({
  page: initialPage(),
  theme: initialTheme(),
  leaveGuard: undefined,
  pendingPage: undefined,
  navigate(page) {
    if (page === get().page) return;
    if (get().leaveGuard !== undefined) return set({ pendingPage: page });
    show(page);
    set({ page, pendingPage: undefined });
  },
  answerLeave(leave) {
    const target = get().pendingPage;
    if (!leave || target === undefined) return set({ pendingPage: undefined });
    show(target);
    set({ page: target, pendingPage: undefined, leaveGuard: undefined });
  },
  setLeaveGuard(message) {
    if (get().leaveGuard !== message) set({ leaveGuard: message });
  },
  toggleTheme() {
    set((state) => {
      const theme = state.theme === 'dark' ? 'light' : 'dark';
      window.localStorage.setItem(themeKey, theme);
      return { theme };
    });
  },
});
