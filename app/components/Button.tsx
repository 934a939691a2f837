import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** `primary` for the one main action of a group. */
  readonly variant?: 'primary' | 'plain';
  readonly testId?: string;
}

export function Button({ variant = 'plain', testId, className, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} className={`button button-${variant}${className ? ` ${className}` : ''}`} data-testid={testId} {...rest} />;
}
