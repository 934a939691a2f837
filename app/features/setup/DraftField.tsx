import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import type { Checked } from './fields';

export interface DraftFieldProps<T> {
  readonly label: string;
  readonly help?: string | undefined;
  readonly testId: string;
  /** The value the store holds. */
  readonly value: T;
  readonly format: (value: T) => string;
  readonly check: (text: string) => Checked<T>;
  /** Called with every text that checks out. */
  readonly onValue: (value: T) => void;
  /** Reports the message for text that does not check out ('' once it does, or when the field goes away). */
  readonly onError: (message: string) => void;
  readonly placeholder?: string | undefined;
  readonly inputMode?: 'numeric' | 'decimal' | 'text';
  readonly extra?: ReactNode;
}

/**
 * A text field over a typed store value: the text is kept as typed; text that checks out goes to the store,
 * text that does not stays here with its message beside the field (and blocks Solve through onError). A
 * change of the store value from elsewhere (an example, a shared link) replaces the text.
 */
export function DraftField<T>({ label, help, testId, value, format, check, onValue, onError, placeholder, inputMode = 'text', extra }: DraftFieldProps<T>) {
  const shown = format(value);
  const [text, setText] = useState(shown);
  const [lastShown, setLastShown] = useState(shown);
  if (shown !== lastShown) {
    setLastShown(shown);
    setText(shown);
  }
  const checked = check(text);
  const error = checked.ok ? '' : checked.error;
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  });
  useEffect(() => onErrorRef.current(error), [error]);
  useEffect(() => () => onErrorRef.current(''), []);
  return (
    <Field label={label} help={help} error={error || undefined} extra={extra}>
      {({ id, describedBy }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error !== ''}
          data-testid={testId}
          inputMode={inputMode}
          placeholder={placeholder}
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            const result = check(next);
            if (result.ok) {
              setLastShown(format(result.value));
              onValue(result.value);
            }
          }}
        />
      )}
    </Field>
  );
}
