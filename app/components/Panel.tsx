import type { ReactNode } from 'react';

export interface PanelProps {
  readonly title: string;
  /** Buttons or links shown at the right of the title. */
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
  /** Grid area of the studio layout this panel fills. */
  readonly area?: string;
  readonly testId?: string;
}

/** A titled region of the studio. */
export function Panel({ title, actions, children, area, testId }: PanelProps) {
  return (
    <section className="panel" aria-label={title} style={area ? { gridArea: area } : undefined} data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
