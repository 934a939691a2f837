/**
 * The run setup: solver and its options (generated from meta.optionSpecs), termination with presets,
 * limits, seed, population, workers, and overrides of the module's bounds, x0, constraints and penalties.
 * Every field is checked as you type; a bad value gets its message beside the field and, through the
 * store's setupErrors, disables Solve with that message.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatBoundsText, getSolverMeta, solverMetas, type SolverId } from '../../../src/core/index';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { optionsFor, useShallow, useStudioStore } from '../../store/index';
import type { RuleSource } from '../../store/problemSlice';
import { DraftField } from './DraftField';
import { checkBounds, checkInteger, checkOptionalInteger, checkPoint, checkRules, checkTermination, type Checked } from './fields';
import { OptionsForm } from './OptionsForm';
import { terminationPresets } from './presets';
import './setup.css';

/** More workers than this only queue up behind each other on any machine the studio runs on. */
const MAX_WORKERS = 64;

const integerText = (value: number | null): string => (value === null ? '' : String(value));

/** An optional whole number ≥ 1 where empty text means "the default" (null in the store). */
function checkCount(text: string, what: string): Checked<number | null> {
  const checked = checkOptionalInteger(text, what, 1);
  return checked.ok ? { ok: true, value: checked.value ?? null } : checked;
}

function checkWatchdog(text: string): Checked<number> {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    return { ok: false, error: `The watchdog must be a number of seconds, 0 or more, got "${text.trim()}".` };
  }
  return { ok: true, value };
}

/** What the module says about its constraints or penalties, as a placeholder for the override. */
function ruleHint(rule: RuleSource | undefined): string {
  if (!rule || rule.kind === 'none') return 'None in the module; one relation a line, e.g. x0 + x1 <= 5';
  if (rule.kind === 'function') return 'The module gives a function; text here replaces it';
  return rule.text;
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export default function SetupPanel() {
  const s = useStudioStore(
    useShallow((state) => ({
      solverId: state.solverId,
      optionsBySolver: state.optionsBySolver,
      termination: state.termination,
      maxGenerations: state.maxGenerations,
      maxEvaluations: state.maxEvaluations,
      bounds: state.bounds,
      x0: state.x0,
      constraints: state.constraints,
      penalties: state.penalties,
      seed: state.seed,
      npop: state.npop,
      workers: state.workers,
      watchdogSeconds: state.watchdogSeconds,
      moduleInfo: state.moduleInfo,
    })),
  );
  const actions = useStudioStore.getState();
  const meta = getSolverMeta(s.solverId);
  const options = useMemo(() => optionsFor(s, s.solverId), [s]);
  const dim = s.moduleInfo?.dim;

  const [draftErrors, setDraftErrors] = useState<Readonly<Record<string, string>>>({});
  const reportError = useCallback((field: string, message: string) => {
    setDraftErrors((previous) => {
      if ((previous[field] ?? '') === message) return previous;
      const next = { ...previous };
      if (message) next[field] = message;
      else delete next[field];
      return next;
    });
  }, []);
  // DraftField keeps the latest onError in a ref, so a new closure per render is fine.
  const reporter = (field: string) => (message: string) => reportError(field, message);

  const terminationCheck = checkTermination(s.termination);
  const boundsCheck = checkBounds(s.bounds, dim);
  const effectiveBounds = (boundsCheck.ok ? boundsCheck.value : undefined) ?? s.moduleInfo?.bounds;
  const x0Check = checkPoint(s.x0, dim, effectiveBounds);
  const constraintsCheck = useMemo(() => checkRules(s.constraints, 'constraints', dim), [s.constraints, dim]);
  const penaltiesCheck = useMemo(() => checkRules(s.penalties, 'penalties', dim), [s.penalties, dim]);

  // Beside Solve the message stands alone, so those that do not name their field get its name.
  const textErrors: Record<string, string> = {};
  for (const [field, check, prefix] of [
    ['termination', terminationCheck, 'Termination: '],
    ['bounds', boundsCheck, ''],
    ['x0', x0Check, ''],
    ['constraints', constraintsCheck, 'Constraints: '],
    ['penalties', penaltiesCheck, 'Penalties: '],
  ] as const) {
    if (!check.ok) textErrors[field] = prefix + check.error;
  }
  const errors = { ...draftErrors, ...textErrors };
  useEffect(() => {
    if (!sameRecord(errors, useStudioStore.getState().setupErrors)) actions.setSetupErrors(errors);
  });

  const presets = terminationPresets(meta.defaultTermination);
  const moduleBounds = s.moduleInfo?.bounds ? formatBoundsText(s.moduleInfo.bounds) : undefined;
  const moduleX0 = s.moduleInfo?.x0?.join(', ');

  return (
    <Panel title="Setup" area="setup" testId="setup.panel">
      <div className="setup-grid">
        <Field label="Solver" help={meta.description}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} data-testid="solver.select" value={s.solverId} onChange={(e) => actions.setSolverId(e.target.value as SolverId)}>
              {solverMetas.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label} ({m.id})
                </option>
              ))}
            </select>
          )}
        </Field>
        <OptionsForm
          meta={meta}
          values={options}
          onValue={(name, value) => actions.setOption(s.solverId, name, value)}
          onError={(name, message) => reporter(`option.${name}`)(message)}
        />
      </div>

      <div className="setup-wide">
        <Field label="Termination" help={`Empty: the solver's default, ${meta.defaultTermination}`} error={terminationCheck.ok ? undefined : terminationCheck.error}>
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={!terminationCheck.ok}
              data-testid="setup.termination"
              className="setup-code"
              spellCheck={false}
              value={s.termination}
              placeholder={meta.defaultTermination}
              onChange={(e) => actions.setTermination(e.target.value)}
            />
          )}
        </Field>
        <Field label="Termination presets">
          {({ id }) => (
            <select
              id={id}
              data-testid="setup.termination-preset"
              value={presets.find((p) => p.text === s.termination.trim())?.text ?? 'custom'}
              onChange={(e) => {
                if (e.target.value !== 'custom') actions.setTermination(e.target.value);
              }}
            >
              <option value="custom" disabled>
                Custom
              </option>
              {presets.map((preset) => (
                <option key={preset.label} value={preset.text}>
                  {preset.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <div className="setup-grid">
        <DraftField
          label="Max generations"
          help="Empty: mystic's default"
          testId="setup.max-generations"
          value={s.maxGenerations}
          format={integerText}
          check={(text) => checkCount(text, 'Max generations')}
          onValue={(v) => actions.setLimits({ generations: v })}
          onError={reporter('maxGenerations')}
          inputMode="numeric"
        />
        <DraftField
          label="Max evaluations"
          help="Empty: mystic's default"
          testId="setup.max-evaluations"
          value={s.maxEvaluations}
          format={integerText}
          check={(text) => checkCount(text, 'Max evaluations')}
          onValue={(v) => actions.setLimits({ evaluations: v })}
          onError={reporter('maxEvaluations')}
          inputMode="numeric"
        />
        <DraftField
          label="Seed"
          help="Same seed, same run"
          testId="setup.seed"
          value={s.seed}
          format={String}
          check={(text) => checkInteger(text, 'The seed', 0)}
          onValue={actions.setSeed}
          onError={reporter('seed')}
          inputMode="numeric"
          extra={
            <Button testId="setup.new-seed" onClick={() => actions.setSeed(Math.floor(Math.random() * 2 ** 31))} title="Draw a new seed">
              New seed
            </Button>
          }
        />
        <DraftField
          label="Population (npop)"
          help={meta.usesPopulation ? "Empty: the solver's rule" : `${meta.label} has no population`}
          testId="setup.npop"
          value={s.npop}
          format={integerText}
          check={(text) => checkCount(text, 'The population')}
          onValue={actions.setNpop}
          onError={reporter('npop')}
          inputMode="numeric"
        />
        <DraftField
          label="Workers"
          help={meta.usesPool ? 'Evaluate each generation in parallel' : `${meta.label} evaluates one point at a time: more workers do not speed it up`}
          testId="setup.workers"
          value={s.workers}
          format={String}
          check={(text) => checkInteger(text, 'Workers', 1, MAX_WORKERS)}
          onValue={actions.setWorkers}
          onError={reporter('workers')}
          inputMode="numeric"
        />
        <DraftField
          label="Watchdog (s)"
          help="End a run whose objective hangs this long; 0: never"
          testId="setup.watchdog"
          value={s.watchdogSeconds}
          format={String}
          check={checkWatchdog}
          onValue={actions.setWatchdogSeconds}
          onError={reporter('watchdog')}
          inputMode="decimal"
        />
      </div>

      <div className="setup-wide">
        <Field
          label="Bounds"
          help={moduleBounds ? `Empty: the module's, ${moduleBounds}` : '"lo:hi, lo:hi, …" or one pair for all; the module gives none'}
          error={boundsCheck.ok ? undefined : boundsCheck.error}
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={!boundsCheck.ok}
              data-testid="setup.bounds"
              className="setup-code"
              spellCheck={false}
              value={s.bounds}
              placeholder={moduleBounds ?? 'lo:hi, lo:hi, …'}
              onChange={(e) => actions.setBounds(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="x0"
          help={moduleX0 ? `Empty: the module's, ${moduleX0}` : '"a, b, …"; empty: random within the bounds'}
          error={x0Check.ok ? undefined : x0Check.error}
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={!x0Check.ok}
              data-testid="setup.x0"
              className="setup-code"
              spellCheck={false}
              value={s.x0}
              placeholder={moduleX0 ?? 'random within the bounds'}
              onChange={(e) => actions.setX0(e.target.value)}
            />
          )}
        </Field>
        <RuleField
          label="Constraints"
          help="Hard constraints, one relation a line; when not empty they replace the module's"
          testId="setup.constraints"
          check={constraintsCheck}
          value={s.constraints}
          moduleRule={s.moduleInfo?.constraints}
          onChange={actions.setConstraints}
        />
        <RuleField
          label="Penalties"
          help="Soft constraints, one relation a line; when not empty they replace the module's"
          testId="setup.penalties"
          check={penaltiesCheck}
          value={s.penalties}
          moduleRule={s.moduleInfo?.penalties}
          onChange={actions.setPenalties}
        />
      </div>
    </Panel>
  );
}

interface RuleFieldProps {
  readonly label: string;
  readonly help: string;
  readonly testId: string;
  readonly check: Checked<unknown>;
  readonly value: string;
  /** The module's own rule, shown as the placeholder it replaces. */
  readonly moduleRule: RuleSource | undefined;
  readonly onChange: (text: string) => void;
}

/** A constraints or penalties text field: the symbolic language, checked as it is typed. */
function RuleField({ label, help, testId, check, value, moduleRule, onChange }: RuleFieldProps) {
  return (
    <Field label={label} help={help} error={check.ok ? undefined : check.error}>
      {({ id, describedBy }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={!check.ok}
          rows={2}
          data-testid={testId}
          className="setup-code"
          spellCheck={false}
          value={value}
          placeholder={ruleHint(moduleRule)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
