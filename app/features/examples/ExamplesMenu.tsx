import { Button } from '../../components/Button';
import { exampleSetup } from './launch';
import { examples, getExample, isExampleId } from './examples';
import { applyPlan, useLaunch } from './useLaunch';
import './examples.css';

/**
 * The gallery of mystic's classic problems, and the one place the page's address is applied (`?example=`,
 * the setup parameters, a share link). Choosing an example puts `?example=ID` in the address, so a reload
 * or a bookmark opens it again.
 */
export function ExamplesMenu() {
  const [messages, dismiss] = useLaunch();
  return (
    <div className="examples">
      <label className="examples-label">
        <span>Examples</span>
        <select
          data-testid="examples.select"
          value=""
          onChange={(event) => {
            const id = event.target.value;
            if (!isExampleId(id)) return;
            const example = getExample(id);
            applyPlan({ source: example.source, fileName: `${id}.ts`, setup: exampleSetup(example), messages: [] });
            history.replaceState(null, '', `${location.pathname}?example=${id}`);
          }}
        >
          <option value="" disabled>
            Open an example…
          </option>
          {examples.map((example) => (
            <option key={example.id} value={example.id} title={example.summary}>
              {example.title}
            </option>
          ))}
        </select>
      </label>
      {messages.length > 0 ? (
        <div className="examples-messages banner banner-error" role="alert" data-testid="examples.message">
          <ul>
            {messages.map((message, i) => (
              <li key={i}>{message}</li>
            ))}
          </ul>
          <Button testId="examples.dismiss" onClick={dismiss}>
            Dismiss
          </Button>
        </div>
      ) : null}
    </div>
  );
}
