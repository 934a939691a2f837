import { solverMetas } from '../src/core/index';

/**
 * Until the studio lands, the page says what Sibyl can do today: the engine and the command line.
 */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', lineHeight: 1.5 }}>
      <h1>Sibyl</h1>
      <p data-testid="placeholder.status">
        The studio is under construction. The solver engine and the command line are ready:
      </p>
      <pre>npx sibyl solve problem.ts --solver de --seed 1 --json</pre>
      <h2>Solvers</h2>
      <ul data-testid="placeholder.solvers">
        {solverMetas.map((meta) => (
          <li key={meta.id}>
            <code>{meta.id}</code> — {meta.label}
          </li>
        ))}
      </ul>
    </main>
  );
}
