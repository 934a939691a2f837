export interface ProgressBarProps {
  /** 0…1. */
  readonly value: number;
  readonly label: string;
  readonly testId?: string;
}

export function ProgressBar({ value, label, testId }: ProgressBarProps) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
  return <progress className="progress" value={clamped} max={1} aria-label={label} data-testid={testId} title={`${Math.round(clamped * 100)} %`} />;
}
