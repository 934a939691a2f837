import { useId, type ReactElement, type ReactNode } from 'react';

export interface FieldProps {
  readonly label: string;
  /** One line under the control. */
  readonly help?: string | undefined;
  /** A message about the value, shown instead of the help. */
  readonly error?: string | undefined;
  /** Renders the control, given the id the label points at and the id of the help text. */
  readonly children: (ids: { id: string; describedBy: string }) => ReactElement;
  readonly extra?: ReactNode;
}

/** A labelled form control with its help or error line. */
export function Field({ label, help, error, children, extra }: FieldProps) {
  const id = useId();
  const describedBy = `${id}-note`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy })}
      {extra}
      {error || help ? (
        <p id={describedBy} className={error ? 'field-error' : 'field-help'}>
          {error ?? help}
        </p>
      ) : null}
    </div>
  );
}
