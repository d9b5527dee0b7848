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

/** Which page is shown (mirrored in the URL fragment, `#/history`), the theme, and what the playground opens with. */
export const createUiSlice: StateCreator<RelayState, [], [], UiSlice> = (set) => ({
  page: initialPage(),
  theme: initialTheme(),
  playgroundModels: [],
  navigate(page) {
    if (window.location.hash !== `#/${page}`)
      window.history.replaceState(window.history.state, '', `#/${page}`);
    set({ page });
  },
  toggleTheme() {
    set((state) => {
      const theme = state.theme === 'dark' ? 'light' : 'dark';
      window.localStorage.setItem(themeKey, theme);
      return { theme };
    });
  },
  openInPlayground(models) {
    set({ playgroundModels: models.slice(0, 6) });
    if (window.location.hash !== '#/playground')
      window.history.replaceState(window.history.state, '', '#/playground');
    set({ page: 'playground' });
  },
});
