import { useState, type InputHTMLAttributes } from 'react';

export interface NumberInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  readonly value: number | null;
  /** Called with every text that reads as a number (or null for empty text, when `allowEmpty`). */
  readonly onValue: (value: number | null) => void;
  readonly allowEmpty?: boolean;
  readonly integer?: boolean;
  readonly testId?: string;
}

/**
 * A number field that lets the user type freely ("0.", "-", "1e-"): the text is kept as typed, and the value
 * goes out only when the text reads as a number. A change of `value` from outside replaces the text.
 */
export function NumberInput({ value, onValue, allowEmpty = false, integer = false, testId, ...rest }: NumberInputProps) {
  const shown = value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  const [lastShown, setLastShown] = useState(shown);
  if (shown !== lastShown) {
    setLastShown(shown);
    setText(shown);
  }
  const parsed = text.trim() === '' ? null : Number(text);
  const invalid = parsed === null ? !allowEmpty : !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed));
  return (
    <input
      {...rest}
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      data-testid={testId}
      aria-invalid={invalid}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const number = next.trim() === '' ? null : Number(next);
        if (number === null ? allowEmpty : Number.isFinite(number) && (!integer || Number.isInteger(number))) {
          setLastShown(number === null ? '' : String(number));
          onValue(number);
        }
      }}
    />
  );
}
