import { Suspense, lazy, useEffect } from 'react';
import { Button } from './components/Button';
import { ExamplesMenu, ShareButton } from './features/examples/index';
import { HostsPanel } from './features/hosts/index';
import { RunPanel } from './features/runs/index';
import { StatePanel } from './features/state/index';
import { useStudioStore } from './store/index';
import { solveFromShortcut } from './store/runActions';

// Regions that will hold heavy libraries (Monaco, plotly) load after the shell is on screen.
const EditorPanel = lazy(() => import('./features/editor/EditorPanel'));
const SetupPanel = lazy(() => import('./features/setup/SetupPanel'));
const PlotsPanel = lazy(() => import('./features/plots/PlotsPanel'));

/**
 * The studio's layout: a header (title, examples, share, theme) over a grid of regions: the problem editor,
 * the run setup, the run panel, saved runs and remote hosts, and the plots. Each region is one feature; features never
 * import one another, and talk only through the store and runActions.
 */
export function App() {
  useTheme();
  useSolveShortcut();
  return (
    <div className="studio">
      <header className="studio-header">
        <h1>
          Sibyl <span className="subtitle">optimization studio</span>
        </h1>
        <nav className="header-tools" aria-label="Studio">
          <ExamplesMenu />
          <ShareButton />
          <ThemeToggle />
        </nav>
      </header>
      <main className="studio-grid">
        <Suspense fallback={<RegionLoading area="editor" />}>
          <EditorPanel />
        </Suspense>
        <Suspense fallback={<RegionLoading area="setup" />}>
          <SetupPanel />
        </Suspense>
        <RunPanel />
        <StatePanel />
        <HostsPanel />
        <Suspense fallback={<RegionLoading area="plots" />}>
          <PlotsPanel />
        </Suspense>
      </main>
    </div>
  );
}

function RegionLoading({ area }: { area: string }) {
  return <section className="panel panel-loading" style={{ gridArea: area }} aria-busy="true" />;
}

function ThemeToggle() {
  const theme = useStudioStore((s) => s.theme);
  const setTheme = useStudioStore((s) => s.setTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button testId="theme.toggle" onClick={() => setTheme(next)} aria-label={`Switch to the ${next} theme`} title={`Switch to the ${next} theme`}>
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </Button>
  );
}

/** The theme is a data attribute on <html>; styles/theme.css maps it to colours. */
function useTheme(): void {
  const theme = useStudioStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
}

/** Ctrl+Enter (Cmd+Enter on a Mac) solves, from anywhere on the page (the editor has its own binding). */
function useSolveShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        solveFromShortcut();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
