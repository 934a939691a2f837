/** Termination presets offered beside the termination field, in mystic's text form. */
export interface TerminationPreset {
  readonly label: string;
  readonly text: string;
}

/** The solver's own default first (empty text means it), then the usual conditions and a compound. */
export function terminationPresets(defaultTermination: string): TerminationPreset[] {
  return [
    { label: `Solver default: ${defaultTermination}`, text: '' },
    { label: 'Value to reach: VTR(0.005)', text: 'VTR(0.005)' },
    { label: 'No change: ChangeOverGeneration(1e-6, 30)', text: 'ChangeOverGeneration(1e-6, 30)' },
    { label: 'Either: Or(VTR(0.005), ChangeOverGeneration(1e-6, 30))', text: 'Or(VTR(0.005), ChangeOverGeneration(1e-6, 30))' },
    { label: 'Relative change: NormalizedChangeOverGeneration(0.0001, 10)', text: 'NormalizedChangeOverGeneration(0.0001, 10)' },
    { label: 'Simplex size: CandidateRelativeTolerance(0.0001, 0.0001)', text: 'CandidateRelativeTolerance(0.0001, 0.0001)' },
    { label: 'VTR or no change: VTRChangeOverGeneration(0.005, 1e-6, 30)', text: 'VTRChangeOverGeneration(0.005, 1e-6, 30)' },
    { label: 'Time limit: TimeLimits(60)', text: 'TimeLimits(60)' },
  ];
}
