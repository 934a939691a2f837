import { Field } from '../../components/Field';
import type { OptionSpec, OptionValue, SolverMeta } from '../../../src/core/index';
import { DraftField } from './DraftField';
import { checkOption, optionText } from './fields';

export interface OptionsFormProps {
  readonly meta: SolverMeta;
  readonly values: Readonly<Record<string, OptionValue>>;
  readonly onValue: (name: string, value: OptionValue) => void;
  /** Reports a field's message by option name ('' when it is fine). */
  readonly onError: (name: string, message: string) => void;
}

/**
 * The options of any solver, built from its meta.optionSpecs: one generic form, no per-solver code. Options
 * named `<group>.<option>` (an ensemble's nested-solver options) are folded into one section per group.
 */
export function OptionsForm({ meta, values, onValue, onError }: OptionsFormProps) {
  const own = meta.optionSpecs.filter((spec) => !spec.name.includes('.'));
  const groups = new Map<string, OptionSpec[]>();
  for (const spec of meta.optionSpecs) {
    const group = spec.name.split('.', 1)[0]!;
    if (group !== spec.name) groups.set(group, [...(groups.get(group) ?? []), spec]);
  }
  const field = (spec: OptionSpec) => (
    <OptionField key={`${meta.id}.${spec.name}`} solverLabel={meta.label} spec={spec} value={values[spec.name] ?? spec.default} onValue={onValue} onError={onError} />
  );
  return (
    <>
      {own.map(field)}
      {[...groups].map(([group, specs]) => (
        <details key={`${meta.id}.${group}`} className="setup-group" data-testid={`setup.options.${group}`}>
          <summary>{specs[0]?.label.split(':', 1)[0] ?? group} options</summary>
          <div className="setup-grid">{specs.map(field)}</div>
        </details>
      ))}
    </>
  );
}

interface OptionFieldProps {
  readonly solverLabel: string;
  readonly spec: OptionSpec;
  readonly value: OptionValue;
  readonly onValue: (name: string, value: OptionValue) => void;
  readonly onError: (name: string, message: string) => void;
}

function OptionField({ solverLabel, spec, value, onValue, onError }: OptionFieldProps) {
  const testId = `setup.option.${spec.name}`;
  const label = spec.name.includes('.') ? spec.label.replace(/^[^:]*:\s*/, '') : spec.label;
  switch (spec.type) {
    case 'boolean':
      return (
        <Field label={label} help={spec.help}>
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} type="checkbox" data-testid={testId} checked={value === true} onChange={(e) => onValue(spec.name, e.target.checked)} />
          )}
        </Field>
      );
    case 'choice':
      return (
        <Field label={label} help={spec.help}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} data-testid={testId} value={String(value)} onChange={(e) => onValue(spec.name, e.target.value)}>
              {spec.choices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'number':
    case 'integer':
      return (
        <DraftField
          label={label}
          help={spec.help}
          testId={testId}
          value={value}
          format={optionText}
          check={(text) => checkOption(solverLabel, spec, text)}
          onValue={(v) => onValue(spec.name, v)}
          onError={(message) => onError(spec.name, message)}
          inputMode={spec.type === 'integer' ? 'numeric' : 'decimal'}
        />
      );
  }
}
