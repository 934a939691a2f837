import type { ReactNode } from 'react';

export interface BannerProps {
  readonly tone: 'info' | 'error';
  readonly children: ReactNode;
  readonly testId?: string;
}

/** A message across a panel: a notice, or an error the user should read. */
export function Banner({ tone, children, testId }: BannerProps) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
