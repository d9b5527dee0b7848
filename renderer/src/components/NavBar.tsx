import { useEffect } from 'react';
import { pages } from '../store/ui-slice.js';
import type { Page } from '../store/ui-slice.js';
import { useRelayStore } from '../store/use-relay-store.js';

const labels: Record<Page, string> = {
  overview: 'Overview',
  models: 'Models',
  playground: 'Playground',
  routing: 'Routing',
  history: 'History',
  providers: 'Providers',
  clients: 'Clients',
};

/** Where typing goes: a shortcut there would take a character away (macOS types with Option+digit). */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    element !== null &&
    (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName ?? ''))
  );
}

/** The page tabs; Alt+1 … Alt+7 switch pages from anywhere but a text field. */
export function NavBar() {
  const page = useRelayStore((state) => state.page);
  const navigate = useRelayStore((state) => state.navigate);
  const theme = useRelayStore((state) => state.theme);
  const toggleTheme = useRelayStore((state) => state.toggleTheme);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      // the key's place, not its character: Option+1 types '¡' on a Mac
      const index = /^Digit([1-9])$/.test(event.code) ? Number(event.code.slice(5)) - 1 : -1;
      if (index >= 0 && index < pages.length) {
        event.preventDefault();
        navigate(pages[index]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return (
    <nav className="nav" aria-label="Pages">
      {pages.map((name, index) => (
        <a
          key={name}
          href={`#/${name}`}
          aria-current={page === name ? 'page' : undefined}
          title={`Alt+${index + 1}`}
          onClick={(event) => {
            event.preventDefault();
            navigate(name);
          }}
        >
          {labels[name]}
        </a>
      ))}
      <button
        type="button"
        className="theme"
        onClick={toggleTheme}
        aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
      >
        {theme === 'dark' ? '☀ Light' : '☾ Dark'}
      </button>
    </nav>
  );
}
